package org.patchwarden.usecase;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.patchwarden.inventory.AssetStore;
import org.patchwarden.match.FindingStore;

/**
 * The indexing decorators pass every call on: a default method left to the interface would silently
 * replace the real store's override (a batched query, a recorded digest) with the slow or no-op default.
 */
class IndexingStoresTest {
  static List<String> notOverridden(Class<?> port, Class<?> decorator) {
    return Arrays.stream(port.getMethods()).filter(m -> !Modifier.isStatic(m.getModifiers()))
        .filter(m -> {
          try {
            Method own = decorator.getDeclaredMethod(m.getName(), m.getParameterTypes());
            return own == null;
          } catch (NoSuchMethodException e) {
            return true;
          }
        }).map(Method::toString).toList();
  }

  @Test
  void theFindingStoreDecoratorOverridesEveryMethodOfThePort() {
    assertThat(notOverridden(FindingStore.class, IndexingFindingStore.class)).isEmpty();
  }

  @Test
  void theAssetStoreDecoratorOverridesEveryMethodOfThePort() {
    assertThat(notOverridden(AssetStore.class, IndexingAssetStore.class)).isEmpty();
  }
}
