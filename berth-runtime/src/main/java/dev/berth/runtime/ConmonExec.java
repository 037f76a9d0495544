package dev.berth.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Optional;

/**
 * An exec under its own conmon: pid, attach socket, {@code ctl} FIFO and exit file all live in the
 * exec's directory. An attached exec was connected before conmon let the process run, so
 * {@link #attach} hands over that connection and no output is lost.
 */
final class ConmonExec implements ExecProcess {
    private final ConmonDirs dirs;
    private final int pid;
    private ConmonAttachment attachment;

    ConmonExec(ConmonDirs dirs, int pid, ConmonAttachment attachment) {
        this.dirs = dirs;
        this.pid = pid;
        this.attachment = attachment;
    }

    @Override
    public int pid() {
        return pid;
    }

    @Override
    public synchronized Attachment attach() throws IOException {
        if (attachment == null) {
            throw new IOException("exec " + dirs.cuuid() + " was not started attached, or its attachment was taken");
        }
        Attachment taken = attachment;
        attachment = null;
        return taken;
    }

    @Override
    public void resize(int rows, int cols) throws IOException {
        new ControlFifo(dirs.root().resolve("ctl")).resize(rows, cols);
    }

    @Override
    public Optional<Integer> exitCode() throws IOException {
        if (!Files.exists(dirs.exitFile())) {
            return Optional.empty();
        }
        return Optional.of(ConmonRuntime.readExitCode(dirs.exitFile()));
    }

    @Override
    public int waitFor() throws IOException, InterruptedException {
        ExitFileWatcher.await(dirs.exitFile(), 0, dirs.conmonPid());
        return ConmonRuntime.readExitCode(dirs.exitFile());
    }
}
