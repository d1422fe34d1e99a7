package sr.gov.vpflow.users;

import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import sr.gov.vpflow.platform.ReadPaths;

/** The read queries of this module that a governed migration keeps working (see {@link ReadPaths}). */
@Component
class UserReadPaths implements ReadPaths {

    @Override
    public List<ReadPath> readPaths() {
        return List.of(
                new ReadPath(
                        "users: account list",
                        "admin",
                        Set.of("user"),
                        "SELECT id, username, display_name, role, is_active, created_at FROM users"
                                + " ORDER BY lower(username) LIMIT 200"),
                new ReadPath(
                        "users: names shown beside records",
                        "secretary",
                        Set.of("user"),
                        "SELECT id, username, display_name, role, is_active, created_at FROM users"
                                + " ORDER BY lower(username) LIMIT 200"));
    }
}
