package org.patchwarden.formats.export;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;
import org.cyclonedx.model.metadata.ToolInformation;
import org.cyclonedx.model.vulnerability.Vulnerability;
import org.cyclonedx.model.vulnerability.Vulnerability.Analysis;
import org.patchwarden.assess.CvssScore;
import org.patchwarden.match.Finding;
import org.patchwarden.usecase.ExportedFinding;
import org.patchwarden.usecase.ExportedVulnerability;
import org.patchwarden.usecase.FindingExport;
import org.patchwarden.usecase.VexStatement;

/**
 * Writes an export as a CycloneDX 1.6 VEX BOM: each asset a component holding the packages findings
 * name, each finding a vulnerability whose analysis says exploitable (affected), not_affected with a
 * justification, false_positive, resolved (fixed) or in_triage. With {@code --asset} it is that
 * asset's VEX (the asset is the BOM's subject); otherwise the fleet's.
 */
public final class CycloneDxVexWriter implements FindingExportWriter {
  private final String toolVersion;

  public CycloneDxVexWriter(String toolVersion) {
    this.toolVersion = toolVersion;
  }

  @Override
  public void write(FindingExport export, OutputStream out) throws IOException {
    try {
      out.write(BomGeneratorFactory.createJson(Version.VERSION_16, bom(export)).toJsonString()
          .getBytes(StandardCharsets.UTF_8));
    } catch (GeneratorException e) {
      throw new IOException("CycloneDX VEX of " + export.findings().size() + " findings: " + e.getMessage(), e);
    }
    out.flush();
  }

  Bom bom(FindingExport export) {
    Bom bom = new Bom();
    // the same export (time and filter) gets the same serial number
    bom.setSerialNumber("urn:uuid:" + UUID.nameUUIDFromBytes((export.generatedAt() + "|" + export.filter())
        .getBytes(StandardCharsets.UTF_8)));
    bom.setVersion(1);
    Metadata meta = new Metadata();
    meta.setTimestamp(Date.from(export.generatedAt()));
    Component tool = new Component();
    tool.setType(Component.Type.APPLICATION);
    tool.setName(ExportFields.TOOL);
    tool.setVersion(toolVersion);
    ToolInformation tools = new ToolInformation();
    tools.setComponents(List.of(tool));
    meta.setToolChoice(tools);
    Map<String, Component> assets = new LinkedHashMap<>();
    Map<String, Component> packages = new LinkedHashMap<>();
    List<Vulnerability> vulns = new ArrayList<>();
    for (ExportedFinding e : export.findings()) {
      Finding f = e.finding();
      Component asset = assets.computeIfAbsent(f.assetName(), n -> asset(n, e.team()));
      String ref = f.assetName() + "|" + ExportFields.pkg(e);
      packages.computeIfAbsent(ref, r -> {
        Component c = new Component();
        c.setType(Component.Type.LIBRARY);
        c.setBomRef(r);
        c.setName(f.installed().name());
        c.setVersion(f.installed().version());
        if (f.installed().purl() != null && !f.installed().purl().isEmpty()) {
          c.setPurl(f.installed().purl());
        }
        c.addProperty(new Property("patchwarden:ecosystem", f.installed().ecosystem()));
        asset.addComponent(c);
        return c;
      });
      vulns.add(vulnerability(e, ref, export.vulnerability(f.advisoryId())));
    }
    String only = export.filter().asset();
    if (only != null && assets.size() <= 1) {
      Component subject = assets.isEmpty() ? asset(only, "") : assets.get(only);
      meta.setComponent(subject);
      bom.setComponents(subject.getComponents() == null ? List.of() : subject.getComponents());
      subject.setComponents(null);
    } else {
      Component fleet = new Component();
      fleet.setType(Component.Type.PLATFORM);
      fleet.setBomRef("fleet");
      fleet.setName("fleet");
      meta.setComponent(fleet);
      bom.setComponents(new ArrayList<>(assets.values()));
    }
    bom.setMetadata(meta);
    bom.setVulnerabilities(vulns);
    return bom;
  }

  private static Component asset(String name, String team) {
    Component c = new Component();
    c.setType(Component.Type.DEVICE);
    c.setBomRef("asset:" + name);
    c.setName(name);
    if (!team.isEmpty()) {
      c.addProperty(new Property("patchwarden:owner_team", team));
    }
    return c;
  }

  private static Vulnerability vulnerability(ExportedFinding e, String ref, ExportedVulnerability v) {
    Finding f = e.finding();
    Vulnerability out = new Vulnerability();
    out.setBomRef("finding:" + f.key());
    out.setId(f.advisoryId());
    Vulnerability.Source source = new Vulnerability.Source();
    source.setName(f.feedSource());
    out.setSource(source);
    for (String cve : v.cveIds()) {
      if (!cve.equals(f.advisoryId())) {
        Vulnerability.Reference r = new Vulnerability.Reference();
        r.setId(cve);
        Vulnerability.Source nvd = new Vulnerability.Source();
        nvd.setName("NVD");
        nvd.setUrl("https://nvd.nist.gov/vuln/detail/" + cve);
        r.setSource(nvd);
        out.addReference(r);
      }
    }
    CvssScore c = ExportFields.cvss(e);
    if (c != null) {
      Vulnerability.Rating rating = new Vulnerability.Rating();
      rating.setScore(c.score());
      rating.setVector(c.vector());
      rating.setMethod(switch (c.version()) {
        case "2.0" -> Vulnerability.Rating.Method.CVSSV2;
        case "3.0" -> Vulnerability.Rating.Method.CVSSV3;
        case "3.1" -> Vulnerability.Rating.Method.CVSSV31;
        case "4.0" -> Vulnerability.Rating.Method.CVSSV4;
        default -> Vulnerability.Rating.Method.OTHER;
      });
      out.addRating(rating);
    }
    v.cwes().stream().map(w -> w.startsWith("CWE-") ? w.substring(4) : w).filter(w -> w.matches("\\d{1,9}"))
        .map(Integer::valueOf).distinct().forEach(out::addCwe);
    if (!v.title().isEmpty()) {
      out.setDescription(v.title());
    }
    if (!v.description().isEmpty()) {
      out.setDetail(v.description());
    }
    VexStatement vex = e.vex();
    if (vex.status() == VexStatement.Status.AFFECTED || vex.status() == VexStatement.Status.UNDER_INVESTIGATION) {
      out.setRecommendation(vex.detail());
    }
    out.setAnalysis(analysis(vex));
    Vulnerability.Affect affect = new Vulnerability.Affect();
    affect.setRef(ref);
    out.setAffects(List.of(affect));
    List<Property> props = new ArrayList<>();
    props.add(new Property("patchwarden:asset", f.assetName()));
    props.add(new Property("patchwarden:tier", e.assessment().tier()));
    props.add(new Property("patchwarden:due_date", e.assessment().dueDate().toString()));
    props.add(new Property("patchwarden:remediation", e.remediation().label()));
    out.setProperties(props);
    return out;
  }

  static Analysis analysis(VexStatement vex) {
    Analysis a = new Analysis();
    a.setState(switch (vex.status()) {
      case AFFECTED -> Analysis.State.EXPLOITABLE;
      case NOT_AFFECTED -> vex.falsePositive() ? Analysis.State.FALSE_POSITIVE : Analysis.State.NOT_AFFECTED;
      case FIXED -> Analysis.State.RESOLVED;
      case UNDER_INVESTIGATION -> Analysis.State.IN_TRIAGE;
    });
    if (vex.status() == VexStatement.Status.NOT_AFFECTED && !vex.justification().isEmpty()) {
      a.setJustification(justification(vex.justification()));
    }
    switch (vex.response()) {
      case UPDATE -> a.addResponse(Analysis.Response.UPDATE);
      case WILL_NOT_FIX -> a.addResponse(Analysis.Response.WILL_NOT_FIX);
      case CAN_NOT_FIX -> a.addResponse(Analysis.Response.CAN_NOT_FIX);
      case NONE -> { }
    }
    a.setDetail(vex.detail());
    return a;
  }

  /** CSAF's justification in CycloneDX's words. */
  static Analysis.Justification justification(String csaf) {
    return switch (csaf) {
      case "component_not_present", "vulnerable_code_not_present" -> Analysis.Justification.CODE_NOT_PRESENT;
      case "vulnerable_code_not_in_execute_path" -> Analysis.Justification.CODE_NOT_REACHABLE;
      case "vulnerable_code_cannot_be_controlled_by_adversary" -> Analysis.Justification.REQUIRES_ENVIRONMENT;
      case "inline_mitigations_already_exist" -> Analysis.Justification.PROTECTED_BY_MITIGATING_CONTROL;
      default -> throw new IllegalArgumentException("unknown justification " + csaf);
    };
  }
}
