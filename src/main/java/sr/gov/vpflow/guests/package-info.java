/** The people who come to see the Vice President: registering, editing, finding and archiving guests. */
package sr.gov.vpflow.guests;
