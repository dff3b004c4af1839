/** SPDX 2.x JSON documents. */
package org.patchwarden.formats.inventory.spdx;
