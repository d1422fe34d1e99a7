/** Accounts and roles: creating and disabling users, passwords, login checking and throttling. */
package sr.gov.vpflow.users;
