package io.loopdesk.loop;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** What an update asks to change; an absent field stays as it is. */
public record LoopChanges(Optional<String> name, Optional<String> description,
                          Optional<String> icon) {

    public boolean isEmpty() {
        return name.isEmpty() && description.isEmpty() && icon.isEmpty();
    }

    /** The names of the fields being changed, for the log. */
    List<String> fieldNames() {
        List<String> fields = new ArrayList<>();
        name.ifPresent(v -> fields.add("name"));
        description.ifPresent(v -> fields.add("description"));
        icon.ifPresent(v -> fields.add("icon"));
        return fields;
    }
}
