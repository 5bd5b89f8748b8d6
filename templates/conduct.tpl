{{%AUTOESCAPE context="HTML"}}<h1>Declarations and checks</h1>
<p class="lead">The records the school's policies ask you to keep about your own practice.</p>
<section aria-labelledby="h-self-checks" id="self-checks">
<h2 id="h-self-checks">Your checks</h2>
<p>When you join, and then once a year, check what your personal social-media accounts show and what anyone can find about you. Only the date is recorded here, never what you found.</p>
<ul class="stack">{{#self_checks}}<li>{{label}}: {{#last_done}}<time datetime="{{last_done}}">{{last_done:x-uk-time}}</time>{{/last_done}}{{#not_last_done}}not yet{{/not_last_done}}{{#due}} <span class="badge status-pending">Due</span>
<form method="post" action="/conduct/checks"><input type="hidden" name="csrf" value="{{csrf}}"><input type="hidden" name="kind" value="{{kind}}"><button class="btn secondary" type="submit">{{label}}: done today</button></form>{{/due}}</li>
{{/self_checks}}{{#induction}}<li>The agreements: {{#to_sign}}<a href="/aup">{{to_sign}} to read and sign</a>{{/to_sign}}{{#not_to_sign}}all signed{{/not_to_sign}}</li>
<li>Social-media policy training: {{#trained}}current{{/trained}}{{#not_trained}}<a href="/training">not recorded yet</a>: ask the office to book it{{/not_trained}}</li>{{/induction}}</ul>
</section>
<section aria-labelledby="h-images">
<h2 id="h-images">Images on your own device</h2>
<p>If you take photos or videos of pupils on your own phone or camera (on a trip, at a match), move them to the school's storage and delete them from your device as soon as you can: by the end of the next working day, or a later day you choose, within a week. Record it here, then confirm once it is done. The images themselves are never uploaded here.</p>
{{#not_images}}<p class="muted">You have not recorded any.</p>{{/not_images}}
{{#has_images}}<div class="table-scroll" tabindex="0"><table class="data"><caption>Your records, those still to confirm first</caption>
<thead><tr><th scope="col">Taken on</th><th scope="col">Event</th><th scope="col">Transfer and delete by</th><th scope="col">Done</th></tr></thead><tbody>{{/has_images}}
{{#images}}<tr><th scope="row"><time datetime="{{taken_on}}">{{taken_on:x-uk-time}}</time></th><td>{{event}}</td><td>{{#cleared_at}}<time datetime="{{due_by}}">{{due_by:x-uk-time}}</time>{{/cleared_at}}{{#not_cleared_at}}<time datetime="{{due_by}}">{{due_by:x-uk-due}}</time>{{#overdue}} <span class="badge status-overdue">Overdue</span>{{/overdue}}{{/not_cleared_at}}</td><td>{{#cleared_at}}<time datetime="{{cleared_at}}">{{cleared_at:x-uk-time}}</time>{{/cleared_at}}{{#not_cleared_at}}<form method="post" action="/conduct/images/{{id}}/cleared">
<input type="hidden" name="csrf" value="{{csrf}}">
<input type="hidden" name="confirm" value="yes">
<button class="btn secondary" type="submit">I have moved and deleted the images of {{event}}</button>
</form>{{/not_cleared_at}}</td></tr>
{{/images}}
{{#has_images}}</tbody></table></div>{{/has_images}}
<form class="stack card" method="post" action="/conduct/images">
<h3>Record images taken on your own device</h3>
<input type="hidden" name="csrf" value="{{csrf}}">
<div class="field{{#err_taken_on}} has-error{{/err_taken_on}}"><label for="f-taken_on">Date they were taken</label>
{{#err_taken_on}}<p class="field-error" id="e-taken_on">{{err_taken_on}}</p>{{/err_taken_on}}
<input id="f-taken_on" name="taken_on" type="date" required value="{{form_taken_on}}"{{#err_taken_on}} aria-describedby="e-taken_on" aria-invalid="true"{{/err_taken_on}}></div>
<div class="field{{#err_event}} has-error{{/err_event}}"><label for="f-event">The event (for example "Year 6 trip to the zoo")</label>
<p class="hint" id="h-event">Do not name pupils.</p>
{{#err_event}}<p class="field-error" id="e-event">{{err_event}}</p>{{/err_event}}
<input id="f-event" name="event" type="text" required maxlength="200" aria-describedby="h-event{{#err_event}} e-event{{/err_event}}"{{#err_event}} aria-invalid="true"{{/err_event}} value="{{form_event}}"></div>
<div class="field{{#err_deadline}} has-error{{/err_deadline}}"><label for="f-deadline">Move and delete them by</label>
<p class="hint" id="h-deadline">The end of the next working day, {{deadline_default_words}}, unless you choose another day; at the latest {{deadline_latest_words}}. Left empty, it is the next working day.</p>
{{#err_deadline}}<p class="field-error" id="e-deadline">{{err_deadline}}</p>{{/err_deadline}}
<input id="f-deadline" name="deadline" type="date" min="{{deadline_min}}" max="{{deadline_max}}" value="{{deadline_field}}" aria-describedby="h-deadline{{#err_deadline}} e-deadline{{/err_deadline}}"{{#err_deadline}} aria-invalid="true"{{/err_deadline}}></div>
<div class="actions"><button class="btn" type="submit">Record them</button></div>
</form>
</section>
<section aria-labelledby="h-declarations" id="declarations">
<h2 id="h-declarations">Declarations</h2>
<p>Declare an existing connection with a parent or a pupil (a friend or relative, a friendship online), or a personal social-media account that names the school (it should say that the views are your own). The headteacher acknowledges each one; you renew it every year. Only you, the headteacher and the designated safeguarding lead see your declarations.</p>
{{#not_declarations}}<p class="muted">No declarations.</p>{{/not_declarations}}
{{#has_declarations}}<ul class="stack">{{/has_declarations}}{{#declarations}}<li class="card" id="declaration-{{id}}"><h3>{{kind_label}}{{#not_mine}}: {{name}}{{/not_mine}}</h3>
<p><span class="multiline">{{details:pre_escape}}</span></p>
<p>Declared or renewed <time datetime="{{declared_on}}">{{declared_on:x-uk-time}}</time>; renew by <time datetime="{{renew_by}}">{{renew_by:x-uk-due}}</time>. {{#acknowledged_at}}Acknowledged by {{acknowledged_by}}, <time datetime="{{acknowledged_at}}">{{acknowledged_at:x-uk-time}}</time>.{{/acknowledged_at}}{{#not_acknowledged_at}}<span class="badge status-pending">Not yet acknowledged</span>{{/not_acknowledged_at}}</p>
{{#may_acknowledge}}<form method="post" action="/conduct/declarations/{{id}}/acknowledge"><input type="hidden" name="csrf" value="{{csrf}}"><button class="btn" type="submit">Acknowledge the declaration of {{name}}</button></form>{{/may_acknowledge}}
{{#mine}}<form method="post" action="/conduct/declarations/{{id}}"><input type="hidden" name="csrf" value="{{csrf}}">
<fieldset class="actions"><legend>Does it still apply?</legend>
<button class="btn secondary" type="submit" name="still" value="yes">It still applies: renew it</button> <button class="btn secondary" type="submit" name="still" value="no">It no longer applies</button></fieldset></form>{{/mine}}
</li>
{{/declarations}}{{#has_declarations}}</ul>{{/has_declarations}}
<form class="stack card" method="post" action="/conduct/declarations">
<h3>Make a declaration</h3>
<input type="hidden" name="csrf" value="{{csrf}}">
<fieldset id="f-kind" class="field{{#err_kind}} has-error{{/err_kind}}"{{#err_kind}} aria-describedby="e-kind"{{/err_kind}}><legend>What are you declaring?</legend>
{{#err_kind}}<p class="field-error" id="e-kind">{{err_kind}}</p>{{/err_kind}}
<label class="checkbox" for="f-kind-parent"><input type="radio" id="f-kind-parent" name="kind" value="parent"{{#chose_kind_parent}} checked{{/chose_kind_parent}}> A connection with a parent</label>
<label class="checkbox" for="f-kind-pupil"><input type="radio" id="f-kind-pupil" name="kind" value="pupil"{{#chose_kind_pupil}} checked{{/chose_kind_pupil}}> A connection with a pupil</label>
<label class="checkbox" for="f-kind-account"><input type="radio" id="f-kind-account" name="kind" value="account"{{#chose_kind_account}} checked{{/chose_kind_account}}> A personal account that names the school</label>
</fieldset>
<div class="field{{#err_details}} has-error{{/err_details}}"><label for="f-details">Details</label>
<p class="hint" id="h-details">Who, and how you know them; or the account and what it says about the school.</p>
{{#err_details}}<p class="field-error" id="e-details">{{err_details}}</p>{{/err_details}}
<textarea id="f-details" name="details" rows="3" required aria-describedby="h-details{{#err_details}} e-details{{/err_details}}"{{#err_details}} aria-invalid="true"{{/err_details}}>&#10;{{form_details:pre_escape}}</textarea></div>
<div class="actions"><button class="btn" type="submit">Send the declaration</button></div>
</form>
</section>
{{#is_head}}<section aria-labelledby="h-images-overdue">
<h2 id="h-images-overdue">Staff images not yet moved and deleted</h2>
{{#not_images_overdue}}<p class="muted">None is overdue.</p>{{/not_images_overdue}}
{{#has_images_overdue}}<ul>{{/has_images_overdue}}{{#images_overdue}}<li>{{name}}: {{event}}, taken <time datetime="{{taken_on}}">{{taken_on:x-uk-time}}</time>; due <time datetime="{{due_by}}">{{due_by:x-uk-due}}</time></li>
{{/images_overdue}}{{#has_images_overdue}}</ul>{{/has_images_overdue}}
</section>{{/is_head}}
