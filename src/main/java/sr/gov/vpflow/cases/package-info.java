/** Cases: the matters that come out of appointments, from opening with a yearly reference to closing. */
package sr.gov.vpflow.cases;
