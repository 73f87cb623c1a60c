package dev.nkms.protocol.conditions;

import dev.nkms.protocol.wire.MsgpackReader;
import dev.nkms.protocol.wire.MsgpackWriter;
import dev.nkms.protocol.wire.WireFormatException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** An ordered list of conditions, all of which must hold. Parsing refuses unknown types. */
public final class Conditions {
  public static final int MAX = 16;
  public static final Conditions NONE = new Conditions(List.of());

  private final List<Condition> items;

  private Conditions(List<Condition> items) {
    this.items = items;
  }

  public static Conditions of(Condition... items) {
    return of(List.of(items));
  }

  public static Conditions of(List<Condition> items) {
    if (items.size() > MAX) {
      throw new IllegalArgumentException("at most " + MAX + " conditions");
    }
    return new Conditions(List.copyOf(items));
  }

  public List<Condition> items() {
    return items;
  }

  public boolean isEmpty() {
    return items.isEmpty();
  }

  /** The first failing condition's reason, if any. */
  public Optional<String> check(RequestContext context) {
    for (Condition c : items) {
      Optional<String> failure = c.check(context);
      if (failure.isPresent()) {
        return failure;
      }
    }
    return Optional.empty();
  }

  public void write(MsgpackWriter w) {
    w.array(items.size());
    for (Condition c : items) {
      c.write(w);
    }
  }

  public static Conditions read(MsgpackReader r, String field) throws WireFormatException {
    int n = r.list(MAX, field);
    List<Condition> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      String f = field + "[" + i + "]";
      int len = r.array(f);
      if (len < 1) {
        throw r.fail(f, "empty condition");
      }
      String type = r.str(64, f + ".type");
      switch (type) {
        case TimeWindow.TYPE:
          {
            if (len != 3) {
              throw r.fail(f, "time-window takes 2 parameters, found " + (len - 1));
            }
            long start = r.epochSeconds(f + ".not_before");
            long end = r.epochSeconds(f + ".not_after");
            if (end <= start) {
              throw r.fail(f, "time window ends before it starts");
            }
            out.add(new TimeWindow(start, end));
            break;
          }
        case AccessLogging.TYPE:
          if (len != 1) {
            throw r.fail(f, "access-log takes no parameters");
          }
          out.add(AccessLogging.REQUIRED);
          break;
        default:
          throw r.fail(f, "unknown condition type '" + type + "'; this node cannot enforce it");
      }
    }
    return new Conditions(List.copyOf(out));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Conditions && items.equals(((Conditions) o).items);
  }

  @Override
  public int hashCode() {
    return items.hashCode();
  }

  @Override
  public String toString() {
    return items.toString();
  }
}
