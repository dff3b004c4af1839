/**
 * Inventory collectors: what is installed on an asset, as {@link
 * org.patchwarden.inventory.InstalledPackage}s, read from package databases ({@code dpkg}, {@code
 * rpm}, {@code apk}), the OS release file, the fleet's asset list, SBOMs, lockfiles and dependency
 * listings; one sub-package per format. Start from {@link
 * org.patchwarden.formats.inventory.InventoryFormats}, which recognizes a file. Every reader bounds
 * what it reads ({@link org.patchwarden.formats.inventory.ReadLimits}) and names the file and place
 * of bad input; results are {@link org.patchwarden.formats.inventory.CollectedPackages}.
 */
package org.patchwarden.formats.inventory;
