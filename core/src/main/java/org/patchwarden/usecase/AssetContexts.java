package org.patchwarden.usecase;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import org.patchwarden.inventory.Asset;
import org.patchwarden.inventory.AssetStore;

/**
 * Use case: read and state the context of known assets (environment, owner team, criticality,
 * internet exposure, tags). What is stated here survives later scans and imports that do not state
 * it; what nobody stated stays unknown and is assumed, visibly, at assessment.
 */
public final class AssetContexts {
  private final AssetStore assets;

  public AssetContexts(AssetStore assets) {
    this.assets = assets;
  }

  /**
   * States the fields {@code stated} gives (its null fields and empty tags leave the stored ones as
   * they are) on the existing asset of the same name; returns the asset as stored now.
   *
   * @throws NoSuchElementException when no asset has that name
   */
  public Asset state(Asset stated) {
    Asset stored = assets.find(stated.name())
        .orElseThrow(() -> new NoSuchElementException("no asset named '" + stated.name() + "'"));
    Asset merged = stored.overlaidWith(stated, false);
    if (!merged.equals(stored)) {
      assets.save(merged);
    }
    return merged;
  }

  public Optional<Asset> find(String name) {
    return assets.find(name);
  }

  /** Every asset, ordered by name. */
  public List<Asset> list() {
    return assets.list();
  }
}
