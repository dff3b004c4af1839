package org.patchwarden.usecase;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A policy (or any value of records, lists, sets, maps, enums and scalars) written out canonically:
 * a record's {@code toString} prints sets in an iteration order that differs between JVM runs.
 */
final class PolicyText {
  private PolicyText() {}

  static String of(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  private static void write(Object v, StringBuilder out) {
    if (v == null) {
      out.append("null");
    } else if (v instanceof Record r) {
      out.append(r.getClass().getSimpleName()).append('(');
      RecordComponent[] components = r.getClass().getRecordComponents();
      for (int i = 0; i < components.length; i++) {
        out.append(i == 0 ? "" : ", ").append(components[i].getName()).append('=');
        try {
          var accessor = components[i].getAccessor();
          accessor.setAccessible(true);
          write(accessor.invoke(r), out);
        } catch (IllegalAccessException | InvocationTargetException | RuntimeException e) {
          throw new IllegalStateException("cannot read " + components[i] + " of " + r.getClass().getName(), e);
        }
      }
      out.append(')');
    } else if (v instanceof Set<?> set) {
      List<String> items = set.stream().map(PolicyText::of).sorted().toList();
      out.append('{').append(String.join(", ", items)).append('}');
    } else if (v instanceof Collection<?> list) {
      out.append('[').append(String.join(", ", list.stream().map(PolicyText::of).toList())).append(']');
    } else if (v instanceof Map<?, ?> map) {
      TreeMap<String, String> sorted = new TreeMap<>();
      map.forEach((k, val) -> sorted.put(of(k), of(val)));
      out.append(sorted);
    } else if (v instanceof Enum<?> e) {
      out.append(e.name());
    } else {
      out.append(v);
    }
  }
}
