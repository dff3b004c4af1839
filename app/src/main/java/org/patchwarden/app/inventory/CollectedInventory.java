package org.patchwarden.app.inventory;

import java.util.List;
import org.patchwarden.inventory.InstalledPackage;
import org.patchwarden.inventory.OsRelease;

/**
 * What collecting one asset's inventory found.
 *
 * @param os the operating system, or null when no os-release was among the inputs
 * @param notes what was skipped or could not be read as packages, for the user to see
 * @param subjectName what an SBOM said it describes, or empty (a default asset name)
 */
public record CollectedInventory(OsRelease os, List<InstalledPackage> packages, List<String> notes, String subjectName) {
  public CollectedInventory {
    packages = List.copyOf(packages);
    notes = List.copyOf(notes);
    subjectName = subjectName == null ? "" : subjectName;
  }
}
