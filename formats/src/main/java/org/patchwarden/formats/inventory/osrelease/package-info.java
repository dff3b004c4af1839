/** The operating system of a host or image, from {@code /etc/os-release} (os-release(5)). */
package org.patchwarden.formats.inventory.osrelease;
