package org.patchwarden.remediate;

import java.util.List;
import java.util.Objects;

/**
 * The concrete remediation of one or more package upgrades on one asset.
 *
 * @param asset the asset it runs on
 * @param tool what applies it: {@code apt-get}, {@code dnf}, {@code apk}, {@code npm}, {@code pip},
 *     {@code go}, {@code cargo}, {@code dotnet}, or {@code manual} for an edit or a vendor update
 * @param text a POSIX shell command line, every outside word quoted, when {@link #shell()}; else an
 *     instruction for a person ({@code set <version>2.17.1</version> for org.apache.logging.log4j:log4j-core})
 * @param shell whether {@link #text()} is a command line to run
 * @param upgrades the upgrades it applies, at least one
 */
public record RemediationCommand(String asset, String tool, String text, boolean shell,
    List<PackageUpgrade> upgrades) {
  public RemediationCommand {
    Objects.requireNonNull(asset, "asset");
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(text, "text");
    upgrades = List.copyOf(upgrades);
    if (upgrades.isEmpty()) {
      throw new IllegalArgumentException("a remediation command applies at least one upgrade");
    }
  }
}
