package org.recoil.spark;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;

/**
 * The main class of every JVM {@link StandaloneCluster} starts (master, workers, {@code spark-submit}): it runs the
 * real main class given as its first argument, and ends the JVM as soon as its standard input reaches end of file,
 * which happens when the process that started it dies, however it dies (even by {@code kill -9}, when no shutdown hook
 * runs). The JVM exits through {@link System#exit}, so a worker's shutdown hooks kill its executors; if that takes
 * more than 20 s, it halts. Spark's daemons never read their standard input.
 */
public final class ExitWithParent {

    private ExitWithParent() {
    }

    /**
     * @param args the main class to run, then its arguments
     * @throws Exception whatever that main method throws
     */
    public static void main(String[] args) throws Exception {
        Thread watch = new Thread(() -> {
            try (InputStream in = System.in) {
                byte[] buffer = new byte[256];
                while (in.read(buffer) >= 0) {
                    // nothing is ever written; wait for the end of the stream
                }
            } catch (IOException e) {
                // the pipe broke: the parent is gone
            }
            Thread halt = new Thread(() -> {
                try {
                    Thread.sleep(20_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                Runtime.getRuntime().halt(143);
            }, "exit-with-parent-halt");
            halt.setDaemon(true);
            halt.start();
            System.exit(143);
        }, "exit-with-parent");
        watch.setDaemon(true);
        watch.start();
        Method main = Class.forName(args[0]).getMethod("main", String[].class);
        try {
            main.invoke(null, (Object) Arrays.copyOfRange(args, 1, args.length));
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception x) {
                throw x;
            }
            throw (Error) e.getCause();
        }
    }
}
