/** Debian and Ubuntu hosts and images: dpkg's database of installed packages. */
package org.patchwarden.formats.inventory.dpkg;
