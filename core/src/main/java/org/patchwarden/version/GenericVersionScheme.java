package org.patchwarden.version;

/**
 * A permissive ordering for versions without an ecosystem of their own: appliance firmware
 * (PAN-OS, FortiOS, Ivanti, Cisco) and CPE version fields; see {@link GenericVersion} for the rules.
 * Ranges use the vers constraint syntax ({@code >=10.2.0|<10.2.9-h1}).
 */
public final class GenericVersionScheme implements VersionScheme {
  static final String NAME = "generic";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public GenericVersion parse(String text) {
    return GenericVersion.parse(this, text);
  }
}
