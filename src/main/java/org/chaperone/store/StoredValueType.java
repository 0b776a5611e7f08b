package org.chaperone.store;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;

import java.nio.ByteBuffer;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How the embedded store writes documents and orders index keys. H2's own type Java-serializes both: every stored
 * document went through an {@code ObjectOutputStream}, and every comparison of two index keys serialized both keys
 * (a key lookup made a dozen). Here documents are written as BSON behind a tag of their own, and a key's serialized
 * form is computed once and remembered, so keys compare exactly as before (the same bytes, the same comparison) and
 * files written before still read: anything without the new tag is read by H2's type.
 */
final class StoredValueType extends ObjectDataType {
    /** Not a tag {@link ObjectDataType} uses (its highest is 119). */
    static final byte TAG_BSON_DOCUMENT = 127;
    /** Serialized keys remembered; forgotten all at once when full (they are cheap to compute again). */
    private static final int REMEMBERED_KEYS = 50_000;
    private final ConcurrentHashMap<KeyValue, byte[]> serializedKeys = new ConcurrentHashMap<>();

    @Override
    public int compare(Object a, Object b) {
        if (a instanceof KeyValue ka && b instanceof KeyValue kb) {
            return a == b ? 0 : compareNotNull(serialized(ka), serialized(kb));
        }
        return super.compare(a, b);
    }

    private byte[] serialized(KeyValue key) {
        byte[] bytes = serializedKeys.get(key);
        if (bytes == null) {
            bytes = serialize(key);
            if (serializedKeys.size() >= REMEMBERED_KEYS) serializedKeys.clear();
            serializedKeys.put(key, bytes);
        }
        return bytes;
    }

    /** Encodings of one document tried before it is written the way H2 writes it (see {@link #write}). */
    private static final int ENCODE_ATTEMPTS = 200;

    /**
     * Writes a document as tagged BSON. The embedded server updates some stored documents in place while H2 may be
     * writing an earlier version of their page, so an encoding can meet the document mid-change (an in-place update
     * takes microseconds): it is encoded again after a moment. Only a document that never holds still through 200
     * tries is written Java-serialized, as H2 always wrote it; the next commit writes the page again either way,
     * with the document as it ends up.
     */
    @Override
    public void write(WriteBuffer buff, Object obj) {
        if (!(obj instanceof Document document)) {
            super.write(buff, obj);
            return;
        }
        for (int attempt = 0; attempt < ENCODE_ATTEMPTS; attempt++) {
            ByteBuf bson = Unpooled.buffer(256);
            try {
                BsonEncoder.encodeDocument(document, bson);
                int length = bson.readableBytes();
                buff.put(TAG_BSON_DOCUMENT).putVarInt(length);
                buff.put(bson.nioBuffer(bson.readerIndex(), length));
                return;
            } catch (RuntimeException changedMeanwhile) {
                java.util.concurrent.locks.LockSupport.parkNanos(10_000);
            } finally {
                bson.release();
            }
        }
        super.write(buff, obj);
    }

    @Override
    public Object read(ByteBuffer buff) {
        if (buff.get(buff.position()) != TAG_BSON_DOCUMENT) return super.read(buff);
        buff.get();
        int length = DataUtils.readVarInt(buff);
        ByteBuf bson = Unpooled.wrappedBuffer(buff.slice(buff.position(), length));
        buff.position(buff.position() + length);
        return BsonDecoder.decodeBson(bson);
    }
}
