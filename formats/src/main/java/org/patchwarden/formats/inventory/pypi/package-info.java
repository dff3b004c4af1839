/** Python: pip requirements files and Poetry lock files. */
package org.patchwarden.formats.inventory.pypi;
