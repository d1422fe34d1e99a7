"""Where a server's CPU time goes, from `jfr print --events jdk.ExecutionSample` on standard input.

Each sample is charged to the first part of the stack, from its top, that belongs to one of the
groups below (the JDBC driver reading rows, Jackson writing JSON, ...); the rest is 'other'.
"""
import collections
import sys

GROUPS = [
    ("JDBC driver (rows, statements)", ("org.postgresql",)),
    ("Hikari pool", ("com.zaxxer",)),
    ("JSON writing (Jackson)", ("tools.jackson",)),
    ("java.time (times of rows and JSON)", ("java.time",)),
    ("transactions (Spring)", ("org.springframework.transaction", "org.springframework.jdbc", "sr.gov.vpflow.platform.db")),
    ("security filters", ("org.springframework.security", "sr.gov.vpflow.platform.security")),
    ("metrics, observations", ("io.micrometer",)),
    ("Spring MVC (mapping, arguments, converters)", ("org.springframework.web", "org.springframework.http")),
    ("Spring core (annotations, proxies)", ("org.springframework.core", "org.springframework.aop",
                                            "org.springframework.util", "org.springframework.beans",
                                            "org.springframework.dao", "org.springframework.validation")),
    ("VP-Flow code", ("sr.gov.vpflow",)),
    ("Tomcat, sockets, HTTP parsing", ("org.apache", "sun.nio", "java.nio", "sun.net")),
    ("logging", ("ch.qos", "org.slf4j", "org.apache.commons.logging")),
]


def main():
    samples = sys.stdin.read().split("jdk.ExecutionSample {")[1:]
    counts = collections.Counter()
    for sample in samples:
        frames = [line.strip() for line in sample.splitlines() if "line:" in line]
        group = "other"
        for frame in frames:
            match = next((name for name, prefixes in GROUPS if frame.startswith(prefixes)), None)
            if match:
                group = match
                break
        counts[group] += 1
    total = max(1, len(samples))
    print(f"{len(samples)} samples")
    for name, count in counts.most_common():
        print(f"{name:45} {100 * count / total:5.1f}%")


if __name__ == "__main__":
    main()
