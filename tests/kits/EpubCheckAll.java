// epubcheck on many EPUB files in one Java process (starting Java once per file costs seconds
// each): java -cp /usr/share/java/epubcheck.jar EpubCheckAll.java FILE... (Java 11+ runs a
// source file directly). Prints epubcheck's messages, then "RESULT <problems> <file>" per file.
import com.adobe.epubcheck.api.EpubCheck;
import com.adobe.epubcheck.util.DefaultReportImpl;
import java.io.File;

public class EpubCheckAll {
    public static void main(String[] args) {
        int bad = 0;
        for (String name : args) {
            DefaultReportImpl report = new DefaultReportImpl(name);
            new EpubCheck(new File(name), report).doValidate();
            int problems = report.getFatalErrorCount() + report.getErrorCount() + report.getWarningCount();
            System.out.println("RESULT " + problems + " " + name);
            if (problems > 0) bad++;
        }
        System.exit(bad > 0 ? 1 : 0);
    }
}
