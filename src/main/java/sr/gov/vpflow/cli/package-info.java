/** The subcommands of the jar: serve, user management, audit verification and the governed migration. */
package sr.gov.vpflow.cli;
