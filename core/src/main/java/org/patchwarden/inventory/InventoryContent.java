package org.patchwarden.inventory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The content hash of an inventory: SHA-256 of its OS and packages in a canonical order, so that
 * recording the same inventory again is recognised whatever order the packages come in.
 */
public final class InventoryContent {
  private InventoryContent() {}

  /**
   * The hash, as 64 hex digits.
   *
   * @param os the operating system, or null
   */
  public static String hash(OsRelease os, List<InstalledPackage> packages) {
    List<String> lines = new ArrayList<>(packages.size());
    for (InstalledPackage p : packages) {
      lines.add(String.join("\u0000", p.ecosystem(), p.name(), p.version(), p.sourceName(), p.sourceVersion(),
          p.architecture(), p.purl()));
    }
    lines.sort(null);
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
    String osLine = os == null || os.id().isEmpty() ? "no-os"
        : String.join("\u0000", "os", os.id(), os.versionId(), os.codename(), os.idLike());
    sha.update(osLine.getBytes(StandardCharsets.UTF_8));
    for (String line : lines) {
      sha.update((byte) '\n');
      sha.update(line.getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(sha.digest());
  }
}
