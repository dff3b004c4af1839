/**
 * The fleet's asset list, kept by hand or exported from a CMDB, in CSV or YAML (see {@code
 * docs/asset-list.md}): each asset's context, and the products of appliances that have no package
 * manager, as CPE-identified packages.
 */
package org.patchwarden.formats.inventory.assetlist;
