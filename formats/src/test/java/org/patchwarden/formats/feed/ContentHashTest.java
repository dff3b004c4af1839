package org.patchwarden.formats.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContentHashTest {
  @TempDir Path dir;

  private Path tree(String name, String a, String b) throws IOException {
    Path root = Files.createDirectories(dir.resolve(name));
    Files.createDirectories(root.resolve("sub"));
    Files.writeString(root.resolve("a.json"), a);
    Files.writeString(root.resolve("sub/b.json"), b);
    return root;
  }

  @Test
  void aFileHashesToItsSha256() throws IOException {
    Path f = Files.writeString(dir.resolve("f"), "abc");
    assertThat(ContentHash.of(List.of(f))).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void anUnchangedTreeHashesTheSameWhereverItLives() throws IOException {
    assertThat(ContentHash.of(List.of(tree("one", "x", "y")))).isEqualTo(ContentHash.of(List.of(tree("two", "x", "y"))));
  }

  @Test
  void anyChangeOfContentOrNameChangesTheHash() throws IOException {
    String base = ContentHash.of(List.of(tree("one", "x", "y")));
    assertThat(ContentHash.of(List.of(tree("two", "x", "z")))).isNotEqualTo(base);
    Path renamed = tree("three", "x", "y");
    Files.move(renamed.resolve("a.json"), renamed.resolve("c.json"));
    assertThat(ContentHash.of(List.of(renamed))).isNotEqualTo(base);
  }
}
