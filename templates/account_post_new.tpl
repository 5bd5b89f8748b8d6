{{%AUTOESCAPE context="HTML"}}<h1>Submit a post for sign-off</h1>
<p class="lead">For the account {{account_name}}. A senior leader reads it before it goes out, and approves it, asks for changes or refuses it, with a reason. Ask for a second opinion on a reply the same way.</p>
<form class="stack card" method="post" action="/accounts/{{account_id}}/posts" enctype="multipart/form-data">
<input type="hidden" name="csrf" value="{{csrf}}">
<fieldset id="f-kind"{{#err_kind}} aria-describedby="e-kind"{{/err_kind}}><legend>What it is</legend>
{{#err_kind}}<p class="field-error" id="e-kind">{{err_kind}}</p>{{/err_kind}}
<label class="checkbox" for="f-kind-post"><input id="f-kind-post" type="radio" name="kind" value="post" required{{#chose_kind_post}} checked{{/chose_kind_post}}> A post to publish</label>
<label class="checkbox" for="f-kind-reply"><input id="f-kind-reply" type="radio" name="kind" value="reply"{{#chose_kind_reply}} checked{{/chose_kind_reply}}> A reply to a comment (a second opinion)</label>
</fieldset>
<div class="field{{#err_text}} has-error{{/err_text}}"><label for="f-text">The text</label>
{{#err_text}}<p class="field-error" id="e-text">{{err_text}}</p>{{/err_text}}
<textarea id="f-text" name="text" rows="6" maxlength="5000" required{{#err_text}} aria-describedby="e-text" aria-invalid="true"{{/err_text}}>&#10;{{form_text:pre_escape}}</textarea></div>
<div class="field{{#err_posted_as}} has-error{{/err_posted_as}}"><label for="f-posted_as">How the post says who is posting it</label>
<p class="hint" id="h-posted_as">Posts on school accounts are not anonymous: a name and role at the end (“Mr Patel, Head of Science”), or the department's name on its own account.</p>
{{#err_posted_as}}<p class="field-error" id="e-posted_as">{{err_posted_as}}</p>{{/err_posted_as}}
<input id="f-posted_as" name="posted_as" type="text" maxlength="200" value="{{form_posted_as}}" aria-describedby="h-posted_as{{#err_posted_as}} e-posted_as{{/err_posted_as}}"{{#err_posted_as}} aria-invalid="true"{{/err_posted_as}}></div>
<div class="field{{#err_where}} has-error{{/err_where}}"><label for="f-where">Where it will go out</label>
<p class="hint" id="h-where">For example: the account's page, a reply under a parent's comment.</p>
{{#err_where}}<p class="field-error" id="e-where">{{err_where}}</p>{{/err_where}}
<input id="f-where" name="where" type="text" maxlength="200" value="{{form_where}}" aria-describedby="h-where{{#err_where}} e-where{{/err_where}}"{{#err_where}} aria-invalid="true"{{/err_where}}></div>
<div class="field{{#err_publish_at}} has-error{{/err_publish_at}}"><label for="f-publish_at">When it will go out (UK time, optional)</label>
{{#err_publish_at}}<p class="field-error" id="e-publish_at">{{err_publish_at}}</p>{{/err_publish_at}}
<input id="f-publish_at" name="publish_at" type="datetime-local" value="{{form_publish_at}}"{{#err_publish_at}} aria-describedby="e-publish_at" aria-invalid="true"{{/err_publish_at}}></div>
<fieldset id="f-others_material"{{#err_others_material}} aria-describedby="e-others_material"{{/err_others_material}}><legend>Does the post share someone else's material?</legend>
<p class="hint">A photo, video, music, artwork or words that someone else made, another account's post among them. The policy asks for the permission of whoever holds the copyright before it is shared, and that the post credits whoever made it.</p>
{{#err_others_material}}<p class="field-error" id="e-others_material">{{err_others_material}}</p>{{/err_others_material}}
<label class="checkbox" for="f-others_material-yes"><input id="f-others_material-yes" type="radio" name="others_material" value="yes"{{#chose_others_material_yes}} checked{{/chose_others_material_yes}}> Yes</label>
<label class="checkbox" for="f-others_material-no"><input id="f-others_material-no" type="radio" name="others_material" value="no"{{#chose_others_material_no}} checked{{/chose_others_material_no}}> No: it is all the school's own</label>
</fieldset>
<fieldset><legend>If it shares someone else's material</legend>
{{#err_permission}}<p class="field-error" id="e-permission">{{err_permission}}</p>{{/err_permission}}
<label class="checkbox" for="f-permission"><input id="f-permission" type="checkbox" name="permission" value="yes"{{#chose_permission_yes}} checked{{/chose_permission_yes}}{{#err_permission}} aria-describedby="e-permission" aria-invalid="true"{{/err_permission}}> Whoever holds the copyright has given permission to share it</label>
<div class="field{{#err_credit}} has-error{{/err_credit}}"><label for="f-credit">Who made it, as the post credits them</label>
{{#err_credit}}<p class="field-error" id="e-credit">{{err_credit}}</p>{{/err_credit}}
<input id="f-credit" name="credit" type="text" maxlength="200" value="{{form_credit}}"{{#err_credit}} aria-describedby="e-credit" aria-invalid="true"{{/err_credit}}></div>
</fieldset>
<div class="field{{#err_image}} has-error{{/err_image}}"><label for="f-image">A picture (optional: PNG or JPEG, at most {{image_max_mb}} MB)</label>
<p class="hint" id="h-image">Only the people who run this account and the senior leaders see it.{{#error}} Choose the picture again: a form sent back does not keep it.{{/error}}</p>
{{#err_image}}<p class="field-error" id="e-image">{{err_image}}</p>{{/err_image}}
<input id="f-image" name="image" type="file" accept="image/png,image/jpeg" aria-describedby="h-image{{#err_image}} e-image{{/err_image}}"{{#err_image}} aria-invalid="true"{{/err_image}}></div>
<fieldset id="f-pupils_pictured"{{#err_pupils_pictured}} aria-describedby="e-pupils_pictured"{{/err_pupils_pictured}}><legend>With a picture: is any pupil in the picture?</legend>
{{#err_pupils_pictured}}<p class="field-error" id="e-pupils_pictured">{{err_pupils_pictured}}</p>{{/err_pupils_pictured}}
<label class="checkbox" for="f-pupils_pictured-yes"><input id="f-pupils_pictured-yes" type="radio" name="pupils_pictured" value="yes"{{#chose_pupils_pictured_yes}} checked{{/chose_pupils_pictured_yes}}> Yes</label>
<label class="checkbox" for="f-pupils_pictured-no"><input id="f-pupils_pictured-no" type="radio" name="pupils_pictured" value="no"{{#chose_pupils_pictured_no}} checked{{/chose_pupils_pictured_no}}> No</label>
</fieldset>
<fieldset><legend>With a picture: confirm each</legend>
<p class="hint" id="h-checked_list">Check the <a href="/accounts/do-not-publish">do-not-publish list</a> first: the pupils whose pictures must not be published, and the adults who have asked not to be filmed or photographed.</p>
{{#err_checked_list}}<p class="field-error" id="e-checked_list">{{err_checked_list}}</p>{{/err_checked_list}}
<label class="checkbox" for="f-checked_list"><input id="f-checked_list" type="checkbox" name="checked_list" value="yes"{{#chose_checked_list_yes}} checked{{/chose_checked_list_yes}} aria-describedby="h-checked_list{{#err_checked_list}} e-checked_list{{/err_checked_list}}"{{#err_checked_list}} aria-invalid="true"{{/err_checked_list}}> Nobody in the picture is on the do-not-publish list: no pupil on it, and no adult who has asked not to be filmed or photographed</label>
{{#err_no_names}}<p class="field-error" id="e-no_names">{{err_no_names}}</p>{{/err_no_names}}
<label class="checkbox" for="f-no_names"><input id="f-no_names" type="checkbox" name="no_names" value="yes"{{#chose_no_names_yes}} checked{{/chose_no_names_yes}}{{#err_no_names}} aria-describedby="e-no_names" aria-invalid="true"{{/err_no_names}}> No pupil's name is next to the photo</label>
{{#err_school_device}}<p class="field-error" id="e-school_device">{{err_school_device}}</p>{{/err_school_device}}
<label class="checkbox" for="f-school_device"><input id="f-school_device" type="checkbox" name="school_device" value="yes"{{#chose_school_device_yes}} checked{{/chose_school_device_yes}}{{#err_school_device}} aria-describedby="e-school_device" aria-invalid="true"{{/err_school_device}}> I am uploading this from a school device</label>
</fieldset>
<div class="actions"><button class="btn" type="submit">Send for sign-off</button></div>
</form>
<p><a href="/accounts/{{account_id}}">Back to the account</a></p>
