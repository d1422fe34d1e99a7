/** The Vice President's agenda: booking, moving and following appointments, and the calendar feed. */
package sr.gov.vpflow.appointments;
