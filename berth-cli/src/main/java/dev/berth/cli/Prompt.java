package dev.berth.cli;

import java.io.IOException;
import java.io.InputStream;

/** docker's {@code [y/N]} confirmation: the question on stdout, one line from stdin, yes only for y/Y. */
public final class Prompt {
    private Prompt() {
    }

    public static boolean confirm(Session session, String question) throws IOException {
        session.out().print(question + " [y/N] ");
        session.out().flush();
        String answer = readLine(session.in()).strip();
        return answer.equalsIgnoreCase("y");
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int c = in.read(); c >= 0 && c != '\n'; c = in.read()) {
            line.append((char) c);
        }
        return line.toString();
    }
}
