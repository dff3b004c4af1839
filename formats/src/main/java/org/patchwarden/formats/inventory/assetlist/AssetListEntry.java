package org.patchwarden.formats.inventory.assetlist;

import java.util.List;
import java.util.Objects;
import org.patchwarden.inventory.Asset;
import org.patchwarden.inventory.InstalledPackage;

/**
 * One asset of the list with the products the list names for it.
 *
 * @param products ecosystem {@code cpe} packages ({@code vendor:product}, version, the CPE 2.3 name in
 *     {@code purl}), in list order; empty when the list names none
 */
public record AssetListEntry(Asset asset, List<InstalledPackage> products) {
  public AssetListEntry {
    Objects.requireNonNull(asset, "asset");
    products = List.copyOf(products);
  }
}
