/**
 * Inventory collectors: what is installed on an asset, read from the package manager's own
 * database ({@code dpkg}, {@code rpm}, {@code apk}), the OS release file, or the fleet's asset list;
 * one sub-package per format. Every reader bounds what it reads and names the file and line of bad
 * input.
 */
package org.patchwarden.formats.inventory;
