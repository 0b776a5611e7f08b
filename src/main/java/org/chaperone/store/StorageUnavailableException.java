package org.chaperone.store;

/** The database cannot be reached or cannot make a write durable: SMTP answers 451, HTTP 503. */
public final class StorageUnavailableException extends RuntimeException {
    public StorageUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether a failure means "storage is unavailable, try again later". */
    public static boolean isUnavailable(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof StorageUnavailableException
                    || c instanceof com.mongodb.MongoTimeoutException
                    || c instanceof com.mongodb.MongoSocketException
                    || c instanceof com.mongodb.MongoNotPrimaryException
                    || c instanceof com.mongodb.MongoNodeIsRecoveringException
                    || c instanceof com.mongodb.MongoWriteConcernException) {
                return true;
            }
        }
        return false;
    }
}
