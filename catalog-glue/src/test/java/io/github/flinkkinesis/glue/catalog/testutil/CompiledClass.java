package io.github.flinkkinesis.glue.catalog.testutil;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One compiled class as an architecture test sees it, read from its {@code .class} file (the format
 * of JVMS chapter 4) with nothing but a {@link DataInputStream}: its name, every class it
 * references (in its constant pool: class entries and the types in field, method and generic
 * descriptors), the classes whose methods it invokes, and its class-level annotations. String
 * literals are not references. An immutable value; {@link #readAll} reads a whole output folder.
 *
 * <p>A compiled class keeps every type the source uses, and no type it merely imports without using
 * (the build's Spotless check refuses unused imports, so together nothing is missed).
 */
public record CompiledClass(
        String name, Set<String> references, Set<String> invokedOwners, Set<String> annotations) {

    private static final Pattern TYPE_IN_DESCRIPTOR = Pattern.compile("L([\\w/$]+)[;<]");

    /** Every class below {@code root} (a compiler output folder), sorted by name. */
    public static List<CompiledClass> readAll(Path root) throws IOException {
        List<CompiledClass> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                classes.add(read(file));
            }
        }
        classes.sort((a, b) -> a.name.compareTo(b.name));
        return classes;
    }

    /** The class in {@code classFile}. */
    public static CompiledClass read(Path classFile) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(classFile))) {
            return new Reader(new DataInputStream(in)).read();
        }
    }

    /** The package, e.g. {@code io.github.flinkkinesis.glue.catalog.operations}. */
    public String packageName() {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(0, dot);
    }

    /** True for a top-level class, false for nested, inner, local and anonymous classes. */
    public boolean isTopLevel() {
        return !name.contains("$");
    }

    private static String dotted(String internalName) {
        return internalName.replace('/', '.');
    }

    /** Reads one class file front to back. */
    private static final class Reader {
        private final DataInputStream in;
        private Object[] pool;
        private int[] tags;

        Reader(DataInputStream in) {
            this.in = in;
        }

        CompiledClass read() throws IOException {
            if (in.readInt() != 0xCAFEBABE) {
                throw new IOException("not a class file");
            }
            in.readUnsignedShort(); // minor version
            in.readUnsignedShort(); // major version
            readConstantPool();
            in.readUnsignedShort(); // access flags
            String name = dotted(className(in.readUnsignedShort()));
            in.readUnsignedShort(); // super class: also a class entry of the pool
            skip(in.readUnsignedShort() * 2); // interfaces: class entries of the pool
            skipMembers(); // fields
            skipMembers(); // methods
            Set<String> annotations = new TreeSet<>();
            int attributes = in.readUnsignedShort();
            for (int i = 0; i < attributes; i++) {
                String attribute = utf8(in.readUnsignedShort());
                int length = in.readInt();
                if (attribute.equals("RuntimeVisibleAnnotations")
                        || attribute.equals("RuntimeInvisibleAnnotations")) {
                    int count = in.readUnsignedShort();
                    for (int a = 0; a < count; a++) {
                        annotations.add(readAnnotation());
                    }
                } else {
                    skip(length);
                }
            }
            Set<String> references = references();
            references.remove(name);
            return new CompiledClass(name, references, invokedOwners(), annotations);
        }

        private void readConstantPool() throws IOException {
            int count = in.readUnsignedShort();
            pool = new Object[count];
            tags = new int[count];
            for (int i = 1; i < count; i++) {
                int tag = in.readUnsignedByte();
                tags[i] = tag;
                // tags of JVMS 4.4: 1 Utf8; 7 Class, 8 String, 16 MethodType, 19 Module,
                // 20 Package; 9-11 field and method refs, 12 NameAndType, 17 Dynamic,
                // 18 InvokeDynamic; 3 Integer, 4 Float; 5 Long, 6 Double (two slots);
                // 15 MethodHandle
                switch (tag) {
                    case 1 -> pool[i] = in.readUTF();
                    case 7, 8, 16, 19, 20 -> pool[i] = in.readUnsignedShort();
                    case 9, 10, 11, 12, 17, 18 ->
                            pool[i] = new int[] {in.readUnsignedShort(), in.readUnsignedShort()};
                    case 3, 4 -> skip(4);
                    case 5, 6 -> {
                        skip(8);
                        i++; // a long or double takes two slots
                    }
                    case 15 -> skip(3);
                    default -> throw new IOException("unknown constant pool tag " + tag);
                }
            }
        }

        /** Class entries and the types named in descriptors and signatures; not string literals. */
        private Set<String> references() {
            Set<Integer> literals = new HashSet<>();
            for (int i = 1; i < pool.length; i++) {
                if (tags[i] == 8) {
                    literals.add((Integer) pool[i]);
                }
            }
            Set<String> out = new TreeSet<>();
            for (int i = 1; i < pool.length; i++) {
                if (tags[i] == 7) {
                    String name = className(i);
                    if (name.startsWith("[")) {
                        addTypes(name, out);
                    } else {
                        out.add(dotted(name));
                    }
                } else if (tags[i] == 1 && !literals.contains(i)) {
                    addTypes((String) pool[i], out);
                }
            }
            return out;
        }

        private static void addTypes(String descriptor, Set<String> out) {
            Matcher m = TYPE_IN_DESCRIPTOR.matcher(descriptor);
            while (m.find()) {
                out.add(dotted(m.group(1)));
            }
        }

        /** The classes named by the method references of the pool: whose methods are invoked. */
        private Set<String> invokedOwners() {
            Set<String> out = new TreeSet<>();
            for (int i = 1; i < pool.length; i++) {
                if (tags[i] == 10 || tags[i] == 11) {
                    out.add(dotted(className(((int[]) pool[i])[0])));
                }
            }
            return out;
        }

        private String readAnnotation() throws IOException {
            String type = utf8(in.readUnsignedShort());
            int pairs = in.readUnsignedShort();
            for (int p = 0; p < pairs; p++) {
                in.readUnsignedShort(); // element name
                skipElementValue();
            }
            return dotted(type.substring(1, type.length() - 1));
        }

        private void skipElementValue() throws IOException {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 'e' -> skip(4); // an enum: type and constant name
                case '@' -> readAnnotation();
                case '[' -> {
                    int values = in.readUnsignedShort();
                    for (int v = 0; v < values; v++) {
                        skipElementValue();
                    }
                }
                default -> skip(2); // a constant or a class: one pool index
            }
        }

        private void skipMembers() throws IOException {
            int members = in.readUnsignedShort();
            for (int m = 0; m < members; m++) {
                skip(6); // access flags, name, descriptor
                int attributes = in.readUnsignedShort();
                for (int a = 0; a < attributes; a++) {
                    skip(2);
                    skip(in.readInt());
                }
            }
        }

        private String className(int classIndex) {
            return utf8((Integer) pool[classIndex]);
        }

        private String utf8(int index) {
            return (String) pool[index];
        }

        private void skip(int bytes) throws IOException {
            in.skipNBytes(bytes);
        }
    }

    @Override
    public String toString() {
        return name + " " + annotations.stream().collect(Collectors.joining(", ", "[", "]"));
    }
}
