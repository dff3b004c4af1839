package org.patchwarden.formats.inventory.assetlist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.patchwarden.feed.FeedFormatException;
import org.patchwarden.formats.inventory.Resources;
import org.patchwarden.formats.inventory.assetlist.AssetListReader.Format;
import org.patchwarden.inventory.Asset;
import org.patchwarden.inventory.AssetKind;
import org.patchwarden.inventory.InstalledPackage;

/** Samples: one constructed fleet with real appliance products, in both forms; see PROVENANCE.md. */
class AssetListReaderTest {

  private static final String HEADER = "name,kind,environment,owner_team,criticality,internet_facing,tags,vendor,product,"
      + "version,part,cpe\n";

  private static List<AssetListEntry> file(String name) {
    return new AssetListReader(new ByteArrayInputStream(Resources.bytes("/inventory/assetlist/" + name)), name).read();
  }

  private static List<AssetListEntry> csv(String text) {
    return new AssetListReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "assets.csv").read();
  }

  private static List<AssetListEntry> yaml(String text) {
    return new AssetListReader(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), "assets.yaml").read();
  }

  private static InstalledPackage cpe(String name, String version, String cpe) {
    return new InstalledPackage("cpe", name, version, "", "", "", cpe);
  }

  @Test
  void readsTheCsvFleetWithItsContextAndProducts() {
    List<AssetListEntry> fleet = file("assets-fleet.csv");
    assertThat(fleet).map(e -> e.asset().name()).containsExactly("fw-edge-01", "fw-branch-07", "mdm-01", "vpn-01",
        "web-01.prod.example.com", "registry.example.com/shop/api:1.4.2", "ci-runner-03", "hr-portal");
    assertThat(fleet.get(0)).isEqualTo(new AssetListEntry(
        new Asset("fw-edge-01", AssetKind.APPLIANCE, "production", "netops", 1, true, Set.of("edge", "dmz")),
        List.of(cpe("paloaltonetworks:pan-os", "10.2.9-h1", "cpe:2.3:o:paloaltonetworks:pan-os:10.2.9:h1:*:*:*:*:*:*"))));
    assertThat(fleet.get(1).asset().ownerTeam()).isEqualTo("Network, Branch");
    assertThat(fleet.get(1).products()).containsExactly(
        cpe("fortinet:fortios", "7.4.3", "cpe:2.3:o:fortinet:fortios:7.4.3:*:*:*:*:*:*:*"));
    assertThat(fleet.get(2).products()).containsExactly(cpe("ivanti:endpoint_manager_mobile", "12.1.0.2",
        "cpe:2.3:a:ivanti:endpoint_manager_mobile:12.1.0.2:*:*:*:*:*:*:*"));
    // A repeated row adds a product to the asset named before.
    assertThat(fleet.get(3).products()).containsExactly(
        cpe("fortinet:fortios", "7.4.3", "cpe:2.3:o:fortinet:fortios:7.4.3:*:*:*:*:*:*:*"),
        cpe("fortinet:fortiproxy", "7.4.2", "cpe:2.3:a:fortinet:fortiproxy:7.4.2:*:*:*:*:*:*:*"));
    assertThat(fleet.get(4).products()).isEmpty();
    assertThat(fleet.get(5).asset().kind()).isEqualTo(AssetKind.CONTAINER_IMAGE);
    assertThat(fleet.get(6).asset()).isEqualTo(
        new Asset("ci-runner-03", AssetKind.HOST, "staging", "", 3, false, Set.of("ci")));
    // Names as NVD spells them: lower case, spaces as underscores.
    assertThat(fleet.get(7)).isEqualTo(new AssetListEntry(
        new Asset("hr-portal", AssetKind.APPLICATION, "production", "People Systems", 3, false, Set.of("intranet")),
        List.of(cpe("atlassian:confluence_data_center", "8.5.4",
            "cpe:2.3:a:atlassian:confluence_data_center:8.5.4:*:*:*:*:*:*:*"))));
  }

  @Test
  void readsTheYamlFormAsTheSameFleet() {
    assertThat(file("assets-fleet.yaml")).isEqualTo(file("assets-fleet.csv"));
  }

  @Test
  void tellsTheFormFromTheNameOrTakesItGiven() {
    byte[] bytes = ("name,kind,environment,criticality,internet_facing\nh1,host,test,4,no\n").getBytes(StandardCharsets.UTF_8);
    assertThat(new AssetListReader(new ByteArrayInputStream(bytes), "cmdb-export", Format.CSV).read()).hasSize(1);
    assertThat(new AssetListReader(new ByteArrayInputStream(bytes), "ASSETS.CSV").read()).hasSize(1);
    assertThatThrownBy(() -> new AssetListReader(new ByteArrayInputStream(bytes), "assets.json"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("cannot tell the asset list's form from 'assets.json': name it .csv, .yaml or .yml, or give the form");
  }

  @Test
  void namesTheFileLineAndColumnOfABadValue() {
    String rows = HEADER + "h1,host,production,ops,1,no,,,,,,\n\nh2,host,production,ops,7,no,,,,,,\n";
    assertThatThrownBy(() -> csv(rows))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("assets.csv at line 4, criticality: '7' is not 1..4 (1 is the most critical)");
  }

  @Test
  void checksEveryAssetColumn() {
    assertThatThrownBy(() -> csv(HEADER + "h 1,host,production,,1,no,,,,,,\n"))
        .hasMessage("assets.csv at line 2, name: 'h 1' is not an asset name: a letter or digit, then letters, digits"
            + " and ._:/@+- (at most 255)");
    assertThatThrownBy(() -> csv(HEADER + "h1,vm,production,,1,no,,,,,,\n"))
        .hasMessage("assets.csv at line 2, kind: 'vm' is not one of host, container_image, appliance, application");
    assertThatThrownBy(() -> csv(HEADER + "h1,host,prod env,,1,no,,,,,,\n"))
        .hasMessageStartingWith("assets.csv at line 2, environment: 'prod env' is not an environment name");
    assertThatThrownBy(() -> csv(HEADER + "h1,host,production,,1,maybe,,,,,,\n"))
        .hasMessage("assets.csv at line 2, internet_facing: 'maybe' is not yes, no, true or false");
    assertThatThrownBy(() -> csv(HEADER + "h1,host,production,,1,no,edge;d m z,,,,,\n"))
        .hasMessageStartingWith("assets.csv at line 2, tags: tag 'd m z' is not a letter or digit");
    assertThatThrownBy(() -> csv(HEADER + "h1,host,,,1,no,,,,,,\n"))
        .hasMessage("assets.csv at line 2, environment: empty; every asset needs a environment");
    assertThatThrownBy(() -> csv("name,kind,environment,criticality,internet_facing\nh1,host,production,1\n"))
        .hasMessage("assets.csv at line 2, internet_facing: missing; every asset needs a internet_facing");
  }

  @Test
  void refusesAnAssetNameWhoseFolderWouldLeaveTheFleetDirectory() {
    assertThatThrownBy(() -> csv(HEADER + "web-01/../../../outside,host,production,,1,no,,,,,,\n"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("assets.csv at line 2, name: 'web-01/../../../outside' is not an asset name: its folder path has"
            + " an empty, '.' or '..' segment (it must stay inside the fleet directory)");
    assertThatThrownBy(() -> yaml("assets:\n  - name: web-01/./x\n    kind: host\n    environment: production\n"
        + "    criticality: 1\n    internet_facing: no\n"))
        .hasMessageContaining("'web-01/./x' is not an asset name: its folder path has an empty, '.' or '..' segment");
    assertThatThrownBy(() -> csv(HEADER + "web-01//x,host,production,,1,no,,,,,,\n"))
        .hasMessageContaining("'..' segment");
    assertThat(csv(HEADER + "team/web-01.example,host,production,,1,no,,,,,,\n").get(0).asset().name())
        .isEqualTo("team/web-01.example");
  }

  @Test
  void refusesBytesThatAreNotUtf8NamingTheLineAndByteOffset() {
    byte[] head = HEADER.getBytes(StandardCharsets.UTF_8);
    byte[] row = "J\u00f6rg,host,production,,1,no,,,,,,\n".getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[head.length + row.length];
    System.arraycopy(head, 0, all, 0, head.length);
    System.arraycopy(row, 0, all, head.length, row.length);
    assertThatThrownBy(() -> new AssetListReader(new ByteArrayInputStream(all), "assets.csv").read())
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("assets.csv at line 2 (byte offset " + (head.length + 1) + "): not UTF-8 text");
  }

  @Test
  void quotesAnEscapeSequenceOfABadValueEscaped() {
    assertThatThrownBy(() -> csv(HEADER + "h1\u001b[2J\u009b32mall clean,host,production,,1,no,,,,,,\n"))
        .hasMessage("assets.csv at line 2, name: 'h1\\u001b[2J\\u009b32mall clean' is not an asset name: a letter"
            + " or digit, then letters, digits and ._:/@+- (at most 255)")
        .message().doesNotContain("\u001b").doesNotContain("\u009b");
  }

  @Test
  void checksTheHeader() {
    assertThatThrownBy(() -> csv("name,kind,environment,critcality,internet_facing\n"))
        .hasMessageStartingWith("assets.csv at line 1: unknown column 'critcality'; the columns are name, kind,");
    assertThatThrownBy(() -> csv("# comment\nname,kind,environment,internet_facing\n"))
        .hasMessage("assets.csv at line 2: the header lacks the column 'criticality' (required: name, kind, environment,"
            + " criticality, internet_facing)");
    assertThatThrownBy(() -> csv("name,kind,Name,environment,criticality,internet_facing\n"))
        .hasMessage("assets.csv at line 1: column 'name' appears twice");
    assertThatThrownBy(() -> csv("# only comments\n\n"))
        .hasMessageStartingWith("assets.csv at line 1: no header line; expected e.g. name,kind,");
  }

  @Test
  void readsQuotingCommentsByteOrderMarkAndColumnsInAnyOrder() {
    List<AssetListEntry> read = csv("\uFEFFInternet_Facing , Name,KIND,environment,criticality,owner_team\n"
        + "# a comment\n"
        + "  yes ,\"db \"\"primary\"\"\" ,host,production,1, \"Data, Platform\" \n".replace("\"db \"\"primary\"\"\" ", "db-01"));
    assertThat(read).singleElement().extracting(AssetListEntry::asset).isEqualTo(
        new Asset("db-01", AssetKind.HOST, "production", "Data, Platform", 1, true, Set.of()));
    assertThat(CsvLine.split("a,\"b,\"\"c\"\"\",,\" d \"", "x", 1)).containsExactly("a", "b,\"c\"", "", " d ");
  }

  @Test
  void refusesBrokenCsvLines() {
    assertThatThrownBy(() -> csv(HEADER + "h1,host,production,\"ops,1,no,,,,,,\n"))
        .hasMessage("assets.csv at line 2: field 4: the quote opened at column 20 is not closed on this line"
            + " (fields spanning lines are not supported)");
    assertThatThrownBy(() -> csv(HEADER + "h1,host,production,\"ops\"x,1,no\n"))
        .hasMessage("assets.csv at line 2: field 4: 'x' after the closing quote; expected a comma");
    assertThatThrownBy(() -> csv(HEADER + "h1,host,production,o\"ps,1,no\n"))
        .hasMessage("assets.csv at line 2: field 4: a quote inside an unquoted value; quote the whole value and double"
            + " the quote");
    assertThatThrownBy(() -> csv(HEADER + "h1,host,production,ops,1,no,,,,,,,extra\n"))
        .hasMessage("assets.csv at line 2: 13 fields where the header has 12 (a comma inside a value must be quoted)");
  }

  @Test
  void letsARepeatedRowAddAProductButNotChangeTheAsset() {
    String first = HEADER + "vpn-01,appliance,production,netops,1,yes,edge,fortinet,fortios,7.4.3,o,\n";
    assertThat(csv(first + "vpn-01,appliance,production,netops,1,true,edge,fortinet,fortiproxy,7.4.2,,\n")
        .getFirst().products()).hasSize(2);
    assertThatThrownBy(() -> csv(first + "vpn-01,,staging,,,,,fortinet,fortiproxy,7.4.2,,\n"))
        .hasMessage("assets.csv at line 3, environment: 'staging' differs from 'production' on line 2 for the same asset"
            + " (a repeated row may leave it empty)");
    assertThatThrownBy(() -> csv(first + "vpn-01,,,,2,,,fortinet,fortiproxy,7.4.2,,\n"))
        .hasMessageContaining("line 3, criticality: '2' differs from '1' on line 2");
    assertThatThrownBy(() -> csv(first + "vpn-01,appliance,production,netops,1,yes,edge,,,,,\n"))
        .hasMessage("assets.csv at line 3, name: asset 'vpn-01' is already on line 2; a repeated row adds a product,"
            + " but this one names none");
  }

  @Test
  void checksTheProductColumns() {
    assertThatThrownBy(() -> csv(HEADER + "fw1,appliance,production,,1,yes,,fortinet,fortios,,,\n"))
        .hasMessage("assets.csv at line 2, version: empty; vendor, product and version go together (or give a cpe)");
    assertThatThrownBy(() -> csv("name,kind,environment,criticality,internet_facing,vendor,version\n"
        + "fw1,appliance,production,1,yes,fortinet,7.4.3\n"))
        .hasMessage("assets.csv at line 2, product: missing; vendor, product and version go together (or give a cpe)");
    assertThatThrownBy(() -> csv(HEADER + "fw1,appliance,production,,1,yes,,fortinet,fortios,7.4.3,x,\n"))
        .hasMessage("assets.csv at line 2, part: 'x' is not a (application), o (operating system or firmware) or h"
            + " (hardware)");
    assertThatThrownBy(() -> csv(HEADER + "fw1,appliance,production,,1,yes,,,,,o,\n"))
        .hasMessage("assets.csv at line 2, part: a part without vendor, product and version (or cpe)");
    assertThatThrownBy(() -> csv(HEADER + "fw1,appliance,production,,1,yes,,fortinet,forti\u00f6s,7.4.3,o,\n"))
        .hasMessage("assets.csv at line 2, product: CPE product 'forti\u00f6s' holds the non-ASCII character '\u00f6';"
            + " CPE allows printable ASCII only");
  }

  @Test
  void takesTheNameFromAnExplicitCpeAndChecksTheColumnsAgainstIt() {
    List<AssetListEntry> read = csv(HEADER + "fw1,appliance,production,,1,yes,,,,,,cpe:2.3:o:fortinet:fortios:7.4.3:*:*:*:*:*:*:*\n");
    assertThat(read.getFirst().products()).containsExactly(
        cpe("fortinet:fortios", "7.4.3", "cpe:2.3:o:fortinet:fortios:7.4.3:*:*:*:*:*:*:*"));
    assertThatThrownBy(() -> csv(HEADER
        + "fw1,appliance,production,,1,yes,,fortinet,fortigate,7.4.3,o,cpe:2.3:o:fortinet:fortios:7.4.3:*:*:*:*:*:*:*\n"))
        .hasMessage("assets.csv at line 2, product: 'fortigate' is not the cpe's product 'fortios' (leave it empty or make"
            + " them agree)");
    assertThatThrownBy(() -> csv(HEADER
        + "fw1,appliance,production,,1,yes,,,,,a,cpe:2.3:o:fortinet:fortios:7.4.3:*:*:*:*:*:*:*\n"))
        .hasMessage("assets.csv at line 2, part: 'a' is not the cpe's part 'o'");
    assertThatThrownBy(() -> csv(HEADER + "fw1,appliance,production,,1,yes,,,,,,cpe:2.3:o:fortinet:fortios:*:*:*:*:*:*:*:*\n"))
        .hasMessage("assets.csv at line 2, cpe: the cpe gives no version ('*'); add the version column");
    assertThatThrownBy(() -> csv(HEADER + "fw1,appliance,production,,1,yes,,,,,,cpe:/o:fortinet:fortios:7.4.3\n"))
        .hasMessage("assets.csv at line 2, cpe: 'cpe:/o:fortinet:fortios:7.4.3' is not a CPE 2.3 formatted string (cpe:2.3:…)");
    assertThatThrownBy(() -> csv(HEADER + "fw1,appliance,production,,1,yes,,,,,,cpe:2.3:o:fortinet:fortios\n"))
        .hasMessage("assets.csv at line 2, cpe: 'cpe:2.3:o:fortinet:fortios' has 5 components; a CPE 2.3 formatted string"
            + " has 13");
  }

  @Test
  void refusesMoreRowsThanTheBound() {
    StringBuilder text = new StringBuilder("name,kind,environment,criticality,internet_facing\n");
    for (int i = 0; i <= AssetListReader.MAX_ASSETS; i++) {
      text.append('h').append(i).append(",host,test,4,no\n");
    }
    assertThatThrownBy(() -> csv(text.toString()))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("assets.csv at line 100002: more than 100000 rows");
  }

  @Test
  void refusesACsvLineLongerThanTheBound() {
    assertThatThrownBy(() -> csv(HEADER + "h1," + "x".repeat(AssetListReader.MAX_LINE)))
        .hasMessage("assets.csv at line 2: longer than 65536 characters (the limit for this file)");
  }

  @Test
  void keepsYamlValuesAsWrittenAndAcceptsAnEmptyList() {
    List<AssetListEntry> read = yaml("""
        assets:
          - name: sw-core-01
            kind: appliance
            environment: production
            criticality: 2
            internet_facing: false
            tags:
            vendor: cisco
            product: ios_xe
            version: 17.10
            part: o
        """);
    assertThat(read.getFirst().products()).containsExactly(
        cpe("cisco:ios_xe", "17.10", "cpe:2.3:o:cisco:ios_xe:17.10:*:*:*:*:*:*:*"));
    assertThat(read.getFirst().asset().tags()).isEmpty();
    assertThat(yaml("assets:\n")).isEmpty();
    assertThat(yaml("assets: []\n")).isEmpty();
  }

  @Test
  void namesTheLineOfABadYamlValue() {
    assertThatThrownBy(() -> yaml("""
        assets:
          - name: h1
            kind: host
            environment: production
            criticality: 7
            internet_facing: no
        """))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("assets.yaml at line 5, criticality: '7' is not 1..4 (1 is the most critical)");
    assertThatThrownBy(() -> yaml("assets:\n  - name: h1\n    kind: host\n    environment: production\n    criticality: 1\n"))
        .hasMessage("assets.yaml at line 2, internet_facing: missing; every asset needs a internet_facing");
  }

  @Test
  void refusesUnknownRepeatedAndMisplacedYamlKeys() {
    String asset = "  - name: h1\n    kind: host\n    environment: production\n    criticality: 1\n    internet_facing: no\n";
    assertThatThrownBy(() -> yaml("assets:\n" + asset + "    critcality: 2\n"))
        .hasMessageStartingWith("assets.yaml at line 7: unknown key 'critcality'; an asset has name, kind,");
    assertThatThrownBy(() -> yaml("assets:\n" + asset + "    kind: appliance\n"))
        .hasMessage("assets.yaml at line 7: key 'kind' appears twice in one mapping (first on line 3)");
    assertThatThrownBy(() -> yaml("assets:\n" + asset + asset))
        .hasMessage("assets.yaml at line 7, name: asset 'h1' is listed twice (first on line 2)");
    assertThatThrownBy(() -> yaml("assets:\n" + asset + "    tags: edge\n"))
        .hasMessage("assets.yaml at line 7, tags: expected a list, e.g. [edge, dmz]");
    assertThatThrownBy(() -> yaml("assets:\n" + asset + "    vendor: fortinet\n    product: fortios\n    version: 7.4.3\n"
        + "    products:\n      - {vendor: fortinet, product: fortiproxy, version: 7.4.2}\n"))
        .hasMessage("assets.yaml at line 10, products: give the products either as vendor/product/version keys of the"
            + " asset or as a products list, not both");
    assertThatThrownBy(() -> yaml("assets:\n" + asset + "    products:\n      - {vendor: fortinet, model: x}\n"))
        .hasMessage("assets.yaml at line 8: unknown key 'model'; a product has vendor, product, version, part, cpe");
    assertThatThrownBy(() -> yaml("assets:\n" + asset + "    products:\n      - {part: o}\n"))
        .hasMessage("assets.yaml at line 8, part: a part without vendor, product and version (or cpe)");
    assertThatThrownBy(() -> yaml("hosts:\n" + asset)).hasMessage("assets.yaml at line 1: expected a mapping with the key 'assets:'");
    assertThatThrownBy(() -> yaml("assets:\n  name: h1\n")).hasMessage("assets.yaml at line 2: assets: expected a list of assets (- name: …)");
    assertThatThrownBy(() -> yaml("assets:\n  - h1\n")).hasMessage("assets.yaml at line 2: an asset must be a mapping (name: …, kind: …)");
    assertThatThrownBy(() -> yaml("assets:\n" + asset + "    owner_team: [a, b]\n"))
        .hasMessage("assets.yaml at line 7, owner_team: expected a single value, not a list");
  }

  @Test
  void refusesYamlAliasesSoThatABillionLaughsCannotExpand() {
    String laughs = """
        a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
        b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
        c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
        assets: [*c]
        """;
    assertThatThrownBy(() -> yaml(laughs))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("assets.yaml at line 2: YAML alias *a refused: an asset list never needs anchors or aliases");
  }

  @Test
  void refusesMalformedOrEmptyYaml() {
    assertThatThrownBy(() -> yaml("assets:\n  - name: [h1\n"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("assets.yaml at line 2: malformed YAML: while parsing a flow sequence in 'reader', line 2, column 11:"
            + " - name: [h1 ^ expected ',' or ']', but got <stream end> in 'reader', line 3, column 1: ^");
    assertThatThrownBy(() -> yaml("")).hasMessage("assets.yaml at line 1: empty document; expected 'assets:'");
    assertThatThrownBy(() -> yaml("assets: []\n---\nassets: []\n"))
        .hasMessage("assets.yaml at line 3: unexpected content after the list (a second YAML document?)");
  }

  @Test
  void refusesMoreYamlAssetsOrProductsThanTheBounds() {
    assertThatThrownBy(() -> yaml("assets: [" + "{},".repeat(AssetListReader.MAX_ASSETS) + "{}]\n"))
        .isInstanceOf(FeedFormatException.class)
        .hasMessage("assets.yaml at line 1: a list longer than 100000");
    String products = "{vendor: v, product: p, version: '1'},".repeat(AssetListReader.MAX_PRODUCTS + 1);
    assertThatThrownBy(() -> yaml("assets:\n  - {name: h1, kind: host, environment: test, criticality: 4,"
        + " internet_facing: no, products: [" + products + "]}\n"))
        .hasMessage("assets.yaml at line 2: asset 'h1' lists more than 1000 products");
  }
}
