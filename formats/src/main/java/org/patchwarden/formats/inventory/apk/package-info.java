/** Alpine hosts and images (and other apk distributions such as Wolfi): apk's database of installed packages. */
package org.patchwarden.formats.inventory.apk;
