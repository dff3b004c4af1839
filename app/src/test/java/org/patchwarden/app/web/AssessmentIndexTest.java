package org.patchwarden.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.patchwarden.access.Role;
import org.patchwarden.access.User;
import org.patchwarden.app.web.TestServer.Who;
import org.patchwarden.assess.PrioritisedFinding;
import org.patchwarden.usecase.BrowseFindings;

/**
 * Findings pages read through the assessment index list exactly what assessing every finding and
 * sorting by {@link org.patchwarden.assess.Assessment#BY_URGENCY} lists, on the demo fleet and
 * feeds, for every tier and order; an upload and a policy change show in the next page.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AssessmentIndexTest {
  private static final User ADMIN = new User("root", Role.ADMIN, Set.of());
  private static final User RED = new User("reader", Role.VIEWER, Set.of("red"));
  @TempDir static Path dir;
  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.sqlite(dir).loadDemoFeeds();
    for (String host : List.of("web-01", "web-02", "staging-web-01", "alma-db-01")) {
      var r = server.as(Who.ANALYST).upload(host, TestServer.demoInventory(host), "");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    }
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** Every page of the index's listing equals the reference listing's, item by item and in total. */
  static void sameAsAssessingEverything(User viewer) {
    BrowseFindings indexed = server.app().browseFindings();
    BrowseFindings reference = new BrowseFindings(server.app().assessFindings(null));
    List<String> tiers = new java.util.ArrayList<>(indexed.tiers());
    tiers.add(null);
    for (String tier : tiers) {
      for (BrowseFindings.Sort sort : BrowseFindings.Sort.values()) {
        for (int page = 1; page <= 3; page++) {
          var q = new BrowseFindings.Query(tier, null, null, null, null, null, sort, page, 7);
          BrowseFindings.Page want = reference.browse(q, viewer);
          BrowseFindings.Page got = indexed.browse(q, viewer);
          assertThat(got.total()).as("total of %s by %s", tier, sort).isEqualTo(want.total());
          assertThat(keys(got.items())).as("page %d of %s by %s", page, tier, sort).isEqualTo(keys(want.items()));
          assertThat(got.items()).as("page %d of %s by %s", page, tier, sort).isEqualTo(want.items());
        }
      }
    }
  }

  static List<String> keys(List<PrioritisedFinding> items) {
    return items.stream().map(p -> p.finding().key() + "@" + p.finding().feedSource() + " " + p.assessment().tier())
        .toList();
  }

  @Test
  @Order(1)
  void theIndexListsEveryTierInTheOrderOfAssessingEveryFindingTiesIncluded() {
    assertThat(server.app().browseFindings().browse(
        new BrowseFindings.Query(null, null, null, null, null, null, null, 1, 500), ADMIN).total()).isGreaterThan(20);
    sameAsAssessingEverything(ADMIN);
    sameAsAssessingEverything(RED);
  }

  @Test
  @Order(2)
  void anUploadAfterTheIndexIsBuiltShowsInTheNextPage() {
    var r = server.as(Who.ANALYST).upload("payments-api", TestServer.demoInventory("payments-api"), "");
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);

    var page = server.app().browseFindings().browse(
        new BrowseFindings.Query(null, null, null, null, null, null, null, 1, 500), ADMIN);
    assertThat(page.items()).anyMatch(p -> p.finding().assetName().equals("payments-api"));
    sameAsAssessingEverything(ADMIN);
  }

  @Test
  @Order(3)
  void aPolicyChangeReindexesSoANewTierShowsInTheNextPage() throws Exception {
    // every finding with a fix is now an emergency
    Files.writeString(server.app().config().home().resolve("policy.yaml"), TestPolicies.EVERYTHING_NOW);

    var t0 = server.app().browseFindings().browse(
        new BrowseFindings.Query("T0", null, null, null, null, null, null, 1, 500), ADMIN);
    assertThat(t0.items()).isNotEmpty().allMatch(p -> p.assessment().tier().equals("T0"));
    sameAsAssessingEverything(ADMIN);
  }
}
