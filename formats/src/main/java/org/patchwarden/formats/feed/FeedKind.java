package org.patchwarden.formats.feed;

/** The feed formats Patchwarden reads, each with the reader that understands it. */
public enum FeedKind {
  KEV_JSON,
  KEV_CSV,
  EPSS_CSV,
  NVD_API,
  CVE5,
  OSV,
  DEBIAN_DSA,
  DEBIAN_DLA,
  DEBIAN_TRACKER_JSON,
  ATTACK_STIX,
  ATTACK_MAPPINGS,
  SSVC
}
