package sr.gov.vpflow.mail;

/** How an address appears where its owner's identity does not belong (audit log, errors, queue). */
final class Addresses {

    private Addresses() {}

    static String mask(String address) {
        int at = address == null ? -1 : address.indexOf('@');
        if (at < 1) {
            return "***";
        }
        return address.charAt(0) + "***" + address.substring(at);
    }

    /** A text with every mention of the address masked (SMTP errors often name it). */
    static String withoutAddress(String text, String address) {
        if (text == null) {
            return null;
        }
        String masked = address == null || address.isEmpty() ? text : text.replace(address, mask(address));
        return masked.length() > 500 ? masked.substring(0, 500) : masked;
    }
}
