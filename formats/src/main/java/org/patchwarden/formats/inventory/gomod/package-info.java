/** Go: go.mod requirements with replacements applied. */
package org.patchwarden.formats.inventory.gomod;
