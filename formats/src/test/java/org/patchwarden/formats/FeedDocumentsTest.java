package org.patchwarden.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.patchwarden.feed.FeedFormatException;

class FeedDocumentsTest {

  private static List<String> read(FeedDocuments documents) {
    List<String> out = new ArrayList<>();
    documents.forEach(name -> name.endsWith(".json"), "holds no *.json files", (in, name) -> {
      try {
        out.add(name.replace('\\', '/').replaceAll(".*/", "") + "=" + new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    return out;
  }

  @Test
  void readsOneStreamUnderItsName() {
    List<String> names = new ArrayList<>();
    FeedDocuments.stream(new ByteArrayInputStream(new byte[0]), "https://x/page").forEach(
        name -> false, "unused", (in, name) -> names.add(name));
    assertThat(names).containsExactly("https://x/page");
  }

  @Test
  void readsFilesInTheOrderGivenAndDirectoriesInSortedOrder(@TempDir Path dir) throws IOException {
    Path tree = Files.createDirectories(dir.resolve("tree/sub"));
    Files.writeString(tree.resolve("b.json"), "b");
    Files.writeString(tree.getParent().resolve("a.json"), "a");
    Files.writeString(tree.getParent().resolve("notes.txt"), "skipped");
    Path single = Files.writeString(dir.resolve("z.json"), "z");

    assertThat(read(FeedDocuments.files(List.of(single, tree.getParent()), "none")))
        .containsExactly("z.json=z", "a.json=a", "b.json=b");
  }

  @Test
  void refusesNoPathsADirectoryWithoutDocumentsAndNamesAFileThatCannotBeRead(@TempDir Path dir) throws IOException {
    assertThatThrownBy(() -> FeedDocuments.files(List.of(), "no pages to read"))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("no pages to read");
    Path empty = Files.createDirectories(dir.resolve("empty"));
    assertThatThrownBy(() -> read(FeedDocuments.files(List.of(empty), "none")))
        .isInstanceOf(FeedFormatException.class).hasMessage(empty + " at directory: holds no *.json files");
    Path missing = dir.resolve("missing.json");
    assertThatThrownBy(() -> read(FeedDocuments.files(List.of(missing), "none")))
        .isInstanceOf(UncheckedIOException.class).hasMessage("cannot read " + missing);
  }
}
