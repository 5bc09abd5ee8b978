package dev.checkout.bench;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SQL floor's {@code --group-commit}: once a thread's wait after its last change has returned, every change it
 * made is in the file, whichever thread wrote it; and a write serves several waits.
 */
class SqlFloorGroupWriteTest {
    @Test
    void every_change_is_in_the_file_once_the_wait_after_it_returned_and_writes_serve_several_waits(@TempDir Path dir) throws Exception {
        String file = dir.resolve("group.mv.db").toString();
        int threads = 8;
        int each = 200;
        // no timed write: only the waits write the file
        MVStore store = new MVStore.Builder().fileName(file).autoCommitDisabled().open();
        MVMap<Integer, Integer> map = store.openMap("done");
        var writes = new SqlFloorScenario.GroupWrite(store);
        var start = new CountDownLatch(1);
        var workers = new ArrayList<Thread>();
        for (int t = 0; t < threads; t++) {
            int worker = t;
            workers.add(Thread.ofPlatform().start(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                for (int i = 0; i < each; i++) {
                    map.put(worker * each + i, i);
                    writes.await();
                }
            }));
        }
        start.countDown();
        for (Thread w : workers) {
            w.join();
        }
        long versions = store.getCurrentVersion();
        store.closeImmediately(); // as a kill: nothing more is written

        MVStore reopened = new MVStore.Builder().fileName(file).readOnly().open();
        try {
            assertThat(reopened.<Integer, Integer>openMap("done").size()).isEqualTo(threads * each);
        } finally {
            reopened.close();
        }
        // Each write is a new version of the store: fewer versions than waits, so some write served several waits.
        assertThat(versions).isLessThan(threads * each);
    }
}
