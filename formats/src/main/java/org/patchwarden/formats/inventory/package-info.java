/**
 * Inventory readers: what an SBOM, lockfile or dependency listing says is installed, as {@link
 * org.patchwarden.inventory.InstalledPackage}s. Start from {@link
 * org.patchwarden.formats.inventory.InventoryFormats}, which recognizes a file and gives its {@link
 * org.patchwarden.formats.inventory.InventoryReader}; every reader applies {@link
 * org.patchwarden.formats.inventory.ReadLimits} and returns {@link
 * org.patchwarden.formats.inventory.CollectedPackages} (packages, warnings, subject). One
 * sub-package per format.
 */
package org.patchwarden.formats.inventory;
