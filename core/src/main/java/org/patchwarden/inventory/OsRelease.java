package org.patchwarden.inventory;

import java.util.Objects;

/**
 * The operating system of a host or image, from {@code /etc/os-release}.
 *
 * @param id {@code ID}: {@code debian}, {@code ubuntu}, {@code almalinux}, {@code rhel}, {@code alpine} …
 * @param versionId {@code VERSION_ID}: {@code 12}, {@code 9.4}, {@code 3.20.1}; may be empty (Debian sid)
 * @param codename {@code VERSION_CODENAME}: {@code bookworm}; may be empty
 * @param idLike {@code ID_LIKE}, space-separated: {@code rhel centos fedora}; may be empty
 */
public record OsRelease(String id, String versionId, String codename, String idLike) {
  public OsRelease {
    Objects.requireNonNull(id, "id");
    versionId = versionId == null ? "" : versionId;
    codename = codename == null ? "" : codename;
    idLike = idLike == null ? "" : idLike;
  }

  /** The major release: {@code 9} of {@code 9.4}, {@code 12} of {@code 12}. */
  public String majorVersion() {
    int dot = versionId.indexOf('.');
    return dot < 0 ? versionId : versionId.substring(0, dot);
  }
}
