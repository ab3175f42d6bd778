// Reads a TBX file with OmegaT's own glossary reader and prints one line per entry:
// source<TAB>target<TAB>comment. Usage: java -cp OmegaT.jar OmegatTbxRead.java FILE SRC TGT
import java.io.File;
import java.nio.file.Files;
import org.omegat.core.Core;
import org.omegat.core.data.NotLoadedProject;
import org.omegat.core.data.ProjectProperties;
import org.omegat.gui.glossary.GlossaryEntry;
import org.omegat.gui.glossary.GlossaryReaderTBX;

public class OmegatTbxRead {
    public static void main(String[] args) throws Exception {
        File dir = Files.createTempDirectory("omegat-project").toFile();
        final ProjectProperties props = new ProjectProperties(dir);
        props.setSourceLanguage(args[1]);
        props.setTargetLanguage(args[2]);
        Core.setProject(new NotLoadedProject() {
            @Override
            public ProjectProperties getProjectProperties() {
                return props;
            }
        });
        for (GlossaryEntry e : GlossaryReaderTBX.read(new File(args[0]), false)) {
            System.out.println(e.getSrcText() + "\t" + e.getLocText() + "\t" + e.getCommentText().replace("\n", " "));
        }
    }
}
