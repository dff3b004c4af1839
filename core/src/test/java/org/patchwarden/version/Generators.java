package org.patchwarden.version;

import java.math.BigInteger;
import java.util.Random;

/** Pieces the scheme tests' version generators share: picks, and numbers that hit the edges. */
final class Generators {
  private Generators() {}

  static String pick(Random r, String... options) {
    return options[r.nextInt(options.length)];
  }

  /**
   * A decimal number as distro versions spell it: mostly small (so that ties are frequent),
   * sometimes with leading zeros, sometimes 25 digits long.
   */
  static String number(Random r) {
    int kind = r.nextInt(20);
    if (kind == 0) {
      return "0".repeat(1 + r.nextInt(3)) + r.nextInt(10);
    }
    if (kind == 1) {
      StringBuilder big = new StringBuilder().append(1 + r.nextInt(9));
      for (int i = 0; i < 24; i++) {
        big.append(r.nextInt(3));
      }
      return big.toString();
    }
    return Integer.toString(r.nextInt(kind < 12 ? 4 : 30));
  }

  /** A number for a model: mostly 0 to 3, sometimes 18 to 48 bits, sometimes around 10^18. */
  static BigInteger bigNumber(Random rnd) {
    return switch (rnd.nextInt(12)) {
      case 0 -> new BigInteger(18 + rnd.nextInt(30), rnd);
      case 1 -> BigInteger.TEN.pow(18).subtract(BigInteger.ONE).add(BigInteger.valueOf(rnd.nextInt(3)));
      default -> BigInteger.valueOf(rnd.nextInt(4));
    };
  }

  /** {@code v} in decimal, sometimes with one or two leading zeros. */
  static String spell(BigInteger v, Random rnd) {
    return (rnd.nextInt(6) == 0 ? "0".repeat(1 + rnd.nextInt(2)) : "") + v;
  }
}
