/** npm lockfiles (package-lock.json, npm-shrinkwrap.json), versions 1 to 3. */
package org.patchwarden.formats.inventory.npm;
