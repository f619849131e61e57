package com.licencereminder.shared;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.bson.BsonDocument;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;

/**
 * The commands the service's MongoDB client sends, in the order it sends them, while
 * {@link #record() recording}: to check which writes a piece of work makes and in what
 * order. Registered with {@link #customizer()} as a bean of a test configuration.
 */
public final class StoreCommands implements CommandListener {

	private final Queue<BsonDocument> recorded = new ConcurrentLinkedQueue<>();

	private volatile boolean recording;

	/** Adds this listener to the client Spring Boot builds. */
	public MongoClientSettingsBuilderCustomizer customizer() {
		return settings -> settings.addCommandListener(this);
	}

	/** Forgets what was recorded and records from now on. */
	public void record() {
		this.recorded.clear();
		this.recording = true;
	}

	/** Stops recording; returns the commands recorded, in the order they were sent. */
	public List<BsonDocument> stop() {
		this.recording = false;
		return new ArrayList<>(this.recorded);
	}

	@Override
	public void commandStarted(CommandStartedEvent event) {
		if (this.recording) {
			this.recorded.add(event.getCommand().clone());
		}
	}

	/** Whether the command is {@code name} (e.g. {@code insert}) on the collection. */
	public static boolean is(BsonDocument command, String name, String collection) {
		return command.containsKey(name) && command.get(name).isString()
				&& command.getString(name).getValue().equals(collection);
	}

}
