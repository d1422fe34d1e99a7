package sr.gov.vpflow.documents;

import java.io.IOException;

/**
 * The store could not write content it was given (the disk is full, the folder is not writable):
 * a fault of the server, never of the client who sent it. {@link #outOfSpace()} says whether
 * there was no room, which the client may try again later (507).
 */
public class StoreFailure extends IOException {

    private final boolean outOfSpace;

    public StoreFailure(String message, boolean outOfSpace, Throwable cause) {
        super(message, cause);
        this.outOfSpace = outOfSpace;
    }

    public boolean outOfSpace() {
        return outOfSpace;
    }
}
