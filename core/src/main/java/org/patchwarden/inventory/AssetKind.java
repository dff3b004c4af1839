package org.patchwarden.inventory;

/** What an asset is; it decides which collectors make sense for it. */
public enum AssetKind {
  HOST,
  CONTAINER_IMAGE,
  APPLIANCE,
  APPLICATION
}
