/** CycloneDX SBOMs, JSON and XML bindings (1.4–1.6). */
package org.patchwarden.formats.inventory.cyclonedx;
