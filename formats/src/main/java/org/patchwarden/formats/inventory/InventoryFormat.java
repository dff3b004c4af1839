package org.patchwarden.formats.inventory;

/** The inventory file formats Patchwarden recognizes, each read by one reader. */
public enum InventoryFormat {
  /** CycloneDX JSON BOM ({@code bom.json}, {@code *.cdx.json}). */
  CYCLONEDX_JSON,
  /** CycloneDX XML BOM ({@code bom.xml}, {@code *.cdx.xml}). */
  CYCLONEDX_XML,
  /** SPDX 2.x JSON document ({@code *.spdx.json}). */
  SPDX_JSON,
  /** npm {@code package-lock.json} or {@code npm-shrinkwrap.json}. */
  NPM_PACKAGE_LOCK,
  /** pip {@code requirements*.txt}. */
  PIP_REQUIREMENTS,
  /** Poetry {@code poetry.lock}. */
  POETRY_LOCK,
  /** Output of {@code mvn dependency:list}. */
  MAVEN_DEPENDENCY_LIST,
  /** Go {@code go.mod}. */
  GO_MOD,
  /** dpkg's {@code /var/lib/dpkg/status}. */
  DPKG_STATUS,
  /** {@code rpm -qa} output saved as {@code *.rpmqa} or {@code rpm-qa.txt}. */
  RPM_QA,
  /** apk's {@code /lib/apk/db/installed}. */
  APK_INSTALLED,
  /** An asset list as CSV ({@code assets.csv}). */
  ASSET_LIST_CSV,
  /** An asset list as YAML ({@code assets.yaml}). */
  ASSET_LIST_YAML
}
