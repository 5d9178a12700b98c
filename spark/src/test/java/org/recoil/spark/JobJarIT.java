package org.recoil.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.SparkContext;
import org.junit.jupiter.api.Test;

/**
 * The build check of the job jar ({@code spark/target/recoil-spark.jar}, run by Maven after {@code package}): it holds
 * Recoil and what Spark lacks, never classes the cluster's Spark already has (Spark, Scala, Hadoop, Jackson, Guava,
 * Parquet, SLF4J), and the shared libraries this module is compiled and tested with are the versions the targeted
 * Spark release declares (its {@code spark-parent} pom), so that what the tests ran is what runs on the cluster.
 */
class JobJarIT {

    /** Class-file prefixes that must come from the cluster, not from the job jar. */
    private static final List<String> PROVIDED_BY_SPARK = List.of("org/apache/spark/", "scala/", "org/apache/hadoop/",
            "com/fasterxml/jackson/core/", "com/fasterxml/jackson/databind/", "com/fasterxml/jackson/annotation/",
            "com/google/common/", "org/apache/parquet/", "org/slf4j/", "org/xerial/snappy/", "com/ibm/icu/",
            "org/roaringbitmap/", "com/univocity/");

    @Test
    void jobJarHoldsRecoilAndNothingSparkProvides() throws IOException {
        Path jar = Path.of(System.getProperty("recoil.root", ".")).resolve("spark/target/recoil-spark.jar");
        if (!Files.isRegularFile(jar)) {
            jar = Path.of("target/recoil-spark.jar");
        }
        assertTrue(Files.isRegularFile(jar), "no job jar at " + jar.toAbsolutePath() + ": run mvn package first");
        List<String> clashing = new ArrayList<>();
        boolean recoil = false;
        boolean yaml = false;
        try (JarFile j = new JarFile(jar.toFile())) {
            for (JarEntry e : java.util.Collections.list(j.entries())) {
                String n = e.getName();
                if (!n.endsWith(".class")) {
                    continue;
                }
                recoil |= n.startsWith("org/recoil/spark/SparkCli");
                yaml |= n.startsWith("com/fasterxml/jackson/dataformat/yaml/");
                for (String p : PROVIDED_BY_SPARK) {
                    if (n.startsWith(p) && clashing.size() < 20) {
                        clashing.add(n);
                    }
                }
            }
        }
        assertTrue(recoil, "the job jar lacks org.recoil.spark.SparkCli");
        assertTrue(yaml, "the job jar lacks the YAML data format (Spark does not ship it for our configs)");
        assertEquals(List.of(), clashing, "classes the cluster's Spark provides are inside " + jar);
    }

    @Test
    void jacksonAndGuavaAreTheVersionsOfTheSparkRelease() throws IOException, URISyntaxException {
        Properties spark = sparkParentProperties();
        String jackson = com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString();
        assertEquals(spark.getProperty("fasterxml.jackson.version"), jackson,
                "Jackson on this module's class path differs from the Spark release's");
        assertEquals(spark.getProperty("fasterxml.jackson.version"),
                com.fasterxml.jackson.dataformat.yaml.PackageVersion.VERSION.toString(),
                "jackson-dataformat-yaml differs from the Spark release's Jackson");
        String guavaJar = Path.of(com.google.common.base.Preconditions.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI()).getFileName().toString();
        assertEquals("guava-" + spark.getProperty("guava.version") + ".jar", guavaJar,
                "Guava on this module's class path differs from the Spark release's");
    }

    /** The {@code <properties>} of the spark-parent pom beside the spark-core jar in the local Maven repository. */
    private static Properties sparkParentProperties() throws IOException, URISyntaxException {
        Path core = Path.of(SparkContext.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        String version = core.getParent().getFileName().toString();
        Path pom = core.getParent().getParent().getParent().resolve("spark-parent_2.13").resolve(version)
                .resolve("spark-parent_2.13-" + version + ".pom");
        assertTrue(Files.isRegularFile(pom), "cannot find Spark's parent pom at " + pom);
        String text = Files.readString(pom);
        Properties p = new Properties();
        Matcher m = Pattern.compile("<(fasterxml\\.jackson\\.version|guava\\.version)>([^<]+)</").matcher(text);
        while (m.find()) {
            p.setProperty(m.group(1), m.group(2).strip());
        }
        assertTrue(p.containsKey("fasterxml.jackson.version") && p.containsKey("guava.version"), "versions in " + pom);
        return p;
    }
}
