/** Maven: the output of mvn dependency:list (and dependency:tree). */
package org.patchwarden.formats.inventory.maven;
